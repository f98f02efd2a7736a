package dev.uds.bench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.uds.bench.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The selfloop figures against the C loop that ran right before each of their measured
 * iterations ({@code SelfLoopBenchmark}, {@code -Duds.bench.paired}).
 *
 * <p>Each measured iteration i of a library has its own C figure c(i), taken just before it.
 * Two figures are reported:
 * <ul>
 *   <li>{@link #BENCHMARK}: the ratio of the two means, sum(java(i)) / sum(c(i)), with the
 *       99.9% interval of the mean of the per-iteration ratios java(i) / c(i) as its error
 *       (3.29 standard errors). The machine's drift over minutes moves both sides of a pair
 *       alike, so it leaves their ratio alone, unlike the ratio to a C figure taken once at the
 *       start of the run.
 *   <li>{@link #BEST}: the ratio of the best windows, min(java(i)) / min(c(i)). The noise of
 *       this shared machine only ever adds time, so over hundreds of short windows each side's
 *       best is its cost undisturbed; this ratio moved by less than 1% between runs where the
 *       ratio of the means moved by 5%.
 * </ul>
 */
public final class PairedFloor {
    /** The benchmark name of the ratio of the means in results.json and the table. */
    static final String BENCHMARK = "selfloop.paired";
    /** The benchmark name of the ratio of the best windows. */
    static final String BEST = "selfloop.best";
    /**
     * A library's cost over the FFM floor's ({@code FloorEndpoint}, library {@code floor}) of the
     * same type and size: the ratio of their two {@link #BENCHMARK} ratios, each paired with its
     * own C windows, so that the machine's drift between their trials cancels out through C; its
     * interval combines theirs (relative half-intervals added in quadrature).
     */
    static final String FLOOR = "selfloop.floor";
    /** A library's best window over the FFM floor's best window, both of the same run. */
    static final String FLOOR_BEST = "selfloop.floor.best";
    /** The library name of the FFM floor in targets and figures ({@code dev.uds.bench.FloorEndpoint}). */
    public static final String FLOOR_LIBRARY = "floor";
    /** Standard errors on each side of a mean for its 99.9% interval (normal distribution). */
    private static final double Z_99_9 = 3.29;

    private PairedFloor() {
    }

    /**
     * The paired ratios, two figures per selfloop target and size that has a C figure for every
     * measured iteration.
     *
     * @param jmh    JMH's JSON file or a directory of {@code jmh-*.json}
     * @param paired the C figures, in the order the iterations ran
     * @throws IOException if a file cannot be read
     */
    static List<Figure> read(Path jmh, Path paired) throws IOException {
        if (!Files.exists(paired)) {
            return List.of();
        }
        Map<String, List<Double>> floors = new LinkedHashMap<>();
        for (String line : Files.readAllLines(paired)) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject record = JsonParser.parseString(line).getAsJsonObject();
            floors.computeIfAbsent(key(record.get("target").getAsString(), record.get("size").getAsInt()),
                    k -> new ArrayList<>()).add(record.getAsJsonObject("floor").get("score").getAsDouble());
        }
        List<Figure> figures = new ArrayList<>();
        Map<String, Double> bests = new LinkedHashMap<>();
        for (Path file : JmhResults.files(jmh)) {
            for (JsonElement element : JsonParser.parseString(Files.readString(file)).getAsJsonArray()) {
                JsonObject run = element.getAsJsonObject();
                if (!run.get("benchmark").getAsString().endsWith("SelfLoopBenchmark.roundTrip")) {
                    continue;
                }
                JsonObject params = run.getAsJsonObject("params");
                String target = params.get("target").getAsString();
                int size = params.get("size").getAsInt();
                List<Double> iterations = new ArrayList<>();
                for (JsonElement fork : run.getAsJsonObject("primaryMetric").getAsJsonArray("rawData")) {
                    fork.getAsJsonArray().forEach(score -> iterations.add(score.getAsDouble()));
                }
                List<Double> floor = floors.getOrDefault(key(target, size), List.of());
                if (floor.size() != iterations.size()) {
                    System.err.println("uds-bench: " + target + " size " + size + " has " + iterations.size()
                            + " measured iterations and " + floor.size() + " C figures between them: not paired");
                    continue;
                }
                figures.addAll(ratios(Target.parse(target), size, iterations, floor));
                bests.put(key(Target.parse(target).library() + ":" + Target.parse(target).type(), size),
                        iterations.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
            }
        }
        figures.addAll(againstFloor(figures, bests));
        return figures;
    }

    /**
     * Each library's {@link #FLOOR} and {@link #FLOOR_BEST}, where the run has the floor's
     * figures of the same type and size.
     *
     * @param paired the {@link #BENCHMARK} figures, the floor's among them
     * @param bests  each target's best window, by {@code library:TYPE size}
     */
    static List<Figure> againstFloor(List<Figure> paired, Map<String, Double> bests) {
        Map<String, Figure> floors = new LinkedHashMap<>();
        paired.stream().filter(f -> f.benchmark().equals(BENCHMARK) && f.backend().equals(FLOOR_LIBRARY))
                .forEach(f -> floors.put(key(f.socketType(), f.size()), f));
        List<Figure> figures = new ArrayList<>();
        for (Figure library : paired) {
            Figure floor = floors.get(key(library.socketType(), library.size()));
            if (!library.benchmark().equals(BENCHMARK) || library.backend().equals(FLOOR_LIBRARY) || floor == null) {
                continue;
            }
            double ratio = library.score() / floor.score();
            double relative = Math.hypot(library.error() / library.score(), floor.error() / floor.score());
            figures.add(new Figure(FLOOR, library.backend(), library.socketType(), library.size(), "× floor", ratio,
                    ratio * relative, null));
            Double best = bests.get(key(library.backend() + ":" + library.socketType(), library.size()));
            Double floorBest = bests.get(key(FLOOR_LIBRARY + ":" + library.socketType(), library.size()));
            if (best != null && floorBest != null) {
                figures.add(new Figure(FLOOR_BEST, library.backend(), library.socketType(), library.size(), "× floor",
                        best / floorBest, 0, null));
            }
        }
        return figures;
    }

    /** The ratio of the means with its 99.9% interval, and the ratio of the best windows. */
    static List<Figure> ratios(Target target, int size, List<Double> java, List<Double> floor) {
        return ratios(BENCHMARK, BEST, target, size, java, floor);
    }

    /** As {@link #ratios(Target, int, List, List)}, under other benchmark names. */
    static List<Figure> ratios(String meanName, String bestName, Target target, int size, List<Double> java,
            List<Double> floor) {
        int n = java.size();
        double javaSum = 0;
        double floorSum = 0;
        double ratioSum = 0;
        double ratioSquares = 0;
        double javaBest = Double.MAX_VALUE;
        double floorBest = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            javaSum += java.get(i);
            floorSum += floor.get(i);
            double ratio = java.get(i) / floor.get(i);
            ratioSum += ratio;
            ratioSquares += ratio * ratio;
            javaBest = Math.min(javaBest, java.get(i));
            floorBest = Math.min(floorBest, floor.get(i));
        }
        double mean = ratioSum / n;
        double variance = n > 1 ? Math.max(0, (ratioSquares - n * mean * mean) / (n - 1)) : 0;
        double interval = Z_99_9 * Math.sqrt(variance / n);
        String type = target.type().name();
        return List.of(
                new Figure(meanName, target.library(), type, size, "× C", javaSum / floorSum, interval, null),
                new Figure(bestName, target.library(), type, size, "× C", javaBest / floorBest, 0, null));
    }

    private static String key(String target, int size) {
        return target + " " + size;
    }
}
