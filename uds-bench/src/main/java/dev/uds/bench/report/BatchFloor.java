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
 * and {@code ffm}'s single loop (as {@code ffm-single}) against the C batch loop that ran right
 * before each of their measured iterations ({@link #PAIRED}, {@link #BEST}, as
 * {@link PairedFloor} pairs selfloop); and how many times the single loop's messages per second
 * each batch run makes ({@link #GAIN}).
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
    /**
     * Messages per second of a batch run over those of ffm's single loop of the same type,
     * through their paired ratios to C; the C row ({@code batchloop ... gain}) is C's batches
     * over C's own single loop, the most a library can gain on the machine.
     */
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
     * The paired ratios, and the gains of batches over the single loop: each run is paired with
     * the C batch loop of its own windows, and a gain is the single loop's ratio to C over the
     * batch run's, with their relative intervals combined.
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
                    floors.computeIfAbsent(key(record.get("target").getAsString(), record.get("calls").getAsString(),
                            record.get("size").getAsInt()), k -> new ArrayList<>())
                            .add(record.getAsJsonObject("floor").get("score").getAsDouble());
                }
            }
        }
        List<Figure> batches = new ArrayList<>();
        Map<String, Figure> singles = new HashMap<>();
        for (Path file : JmhResults.files(jmh)) {
            for (JsonElement element : JsonParser.parseString(Files.readString(file)).getAsJsonArray()) {
                JsonObject run = element.getAsJsonObject();
                if (!run.get("benchmark").getAsString().endsWith("BatchBenchmark.messages")) {
                    continue;
                }
                JsonObject params = run.getAsJsonObject("params");
                String targetText = params.get("target").getAsString();
                String calls = params.get("calls").getAsString();
                int size = params.get("size").getAsInt();
                List<Double> iterations = new ArrayList<>();
                for (JsonElement fork : run.getAsJsonObject("primaryMetric").getAsJsonArray("rawData")) {
                    fork.getAsJsonArray().forEach(score -> iterations.add(score.getAsDouble()));
                }
                List<Double> floor = floors.getOrDefault(key(targetText, calls, size), List.of());
                if (floor.size() != iterations.size()) {
                    if (!floor.isEmpty()) {
                        System.err.println("uds-bench: batch " + targetText + " " + calls + " has " + iterations.size()
                                + " measured iterations and " + floor.size() + " C figures between them: not paired");
                    }
                    continue;
                }
                Target target = Target.parse(targetText);
                boolean single = name(params).equals(SINGLE);
                Target shown = single ? new Target(target.library() + "-single", target.type(), false) : target;
                List<Figure> ratios = PairedFloor.ratios(PAIRED, BEST, shown, size, iterations, floor);
                batches.addAll(ratios);
                if (single) {
                    singles.put(target.type() + " " + size, ratios.get(0));
                }
            }
        }
        List<Figure> figures = new ArrayList<>(batches);
        for (Figure batch : batches) {
            Figure single = singles.get(batch.socketType() + " " + batch.size());
            if (batch.benchmark().equals(PAIRED) && single != null && !batch.backend().endsWith("-single")) {
                double gain = single.score() / batch.score();
                double relative = Math.hypot(single.error() / single.score(), batch.error() / batch.score());
                figures.add(new Figure(GAIN, batch.backend(), batch.socketType(), batch.size(), "× single",
                        gain, gain * relative, null));
            }
        }
        return figures;
    }

    private static String key(String target, String calls, int size) {
        return target + " " + calls + " " + size;
    }
}
