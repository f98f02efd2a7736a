package dev.uds.bench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.uds.bench.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of {@code BatchBenchmark}: messages per second of each library's batches
 * ({@link #MMSG}) and of {@code ffm}'s one-at-a-time loop ({@link #SINGLE}); each batch run
 * against the C loop that ran right before each of its measured iterations ({@link #PAIRED},
 * {@link #BEST}, as {@link PairedFloor} pairs selfloop); and how many times the single loop's
 * messages per second each batch run makes ({@link #GAIN}).
 */
final class BatchFloor {
    /** sendBatch and receiveBatch, messages per second. */
    static final String MMSG = "batch.mmsg";
    /** ffm's send and receive per message, messages per second. */
    static final String SINGLE = "batch.single";
    /** The ratio of the means to the paired C loop, with its 99.9% interval. */
    static final String PAIRED = "batch.paired";
    /** The ratio of the best windows to the paired C loop. */
    static final String BEST = "batch.best";
    /** Messages per second of a batch run over those of ffm's single loop of the same type. */
    static final String GAIN = "batch.gain";
    /** The C figures taken between iterations, beside paired.jsonl. */
    static final String PAIRED_FILE = "paired-batch.jsonl";

    private BatchFloor() {
    }

    /** The figure name of a BatchBenchmark run, by its {@code calls} parameter. */
    static String name(JsonObject params) {
        return params.get("calls").getAsString().equals("single") ? SINGLE : MMSG;
    }

    /** A run's time per batch as messages per second; the error scales with it (first order). */
    static Figure messagesPerSecond(String name, String backend, String type, JsonObject params, double nanos,
            double error) {
        int batch = params.get("batch").getAsInt();
        double rate = batch * 1e9 / nanos;
        return new Figure(name, backend, type, params.get("size").getAsInt(), "msg/s", rate, rate * error / nanos, null);
    }

    /**
     * The paired ratios and the gains over the single loop.
     *
     * @param jmh    JMH's JSON file or a directory of {@code jmh-*.json}
     * @param paired the C figures, in the order the iterations ran; a missing file means none
     * @throws IOException if a file cannot be read
     */
    static List<Figure> read(Path jmh, Path paired) throws IOException {
        Map<String, List<Double>> floors = new LinkedHashMap<>();
        if (Files.exists(paired)) {
            for (String line : Files.readAllLines(paired)) {
                if (!line.isBlank()) {
                    JsonObject record = JsonParser.parseString(line).getAsJsonObject();
                    floors.computeIfAbsent(record.get("target").getAsString() + " " + record.get("size").getAsInt(),
                            k -> new ArrayList<>()).add(record.getAsJsonObject("floor").get("score").getAsDouble());
                }
            }
        }
        List<Figure> figures = new ArrayList<>();
        Map<String, Double> single = new HashMap<>();
        List<JsonObject> batched = new ArrayList<>();
        for (Path file : JmhResults.files(jmh)) {
            for (JsonElement element : JsonParser.parseString(Files.readString(file)).getAsJsonArray()) {
                JsonObject run = element.getAsJsonObject();
                if (!run.get("benchmark").getAsString().endsWith("BatchBenchmark.messages")) {
                    continue;
                }
                JsonObject params = run.getAsJsonObject("params");
                Target target = Target.parse(params.get("target").getAsString());
                double score = run.getAsJsonObject("primaryMetric").get("score").getAsDouble();
                if (name(params).equals(SINGLE)) {
                    single.put(target.type() + " " + params.get("size").getAsInt(), score);
                } else {
                    batched.add(run);
                }
            }
        }
        for (JsonObject run : batched) {
            JsonObject params = run.getAsJsonObject("params");
            String targetText = params.get("target").getAsString();
            Target target = Target.parse(targetText);
            int size = params.get("size").getAsInt();
            double score = run.getAsJsonObject("primaryMetric").get("score").getAsDouble();
            Double singleScore = single.get(target.type() + " " + size);
            if (singleScore != null) {
                figures.add(new Figure(GAIN, target.library(), target.type().name(), size, "× ffm single",
                        singleScore / score, 0, null));
            }
            List<Double> iterations = new ArrayList<>();
            for (JsonElement fork : run.getAsJsonObject("primaryMetric").getAsJsonArray("rawData")) {
                fork.getAsJsonArray().forEach(s -> iterations.add(s.getAsDouble()));
            }
            List<Double> floor = floors.getOrDefault(targetText + " " + size, List.of());
            if (floor.size() == iterations.size()) {
                figures.addAll(PairedFloor.ratios(PAIRED, BEST, target, size, iterations, floor));
            } else if (!floor.isEmpty()) {
                System.err.println("uds-bench: batch " + targetText + " has " + iterations.size()
                        + " measured iterations and " + floor.size() + " C figures between them: not paired");
            }
        }
        return figures;
    }
}
