package dev.uds.bench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.uds.bench.Target;
import dev.uds.bench.ThroughputBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads JMH's JSON result file into {@link Figure}s. */
final class JmhResults {
    private static final Map<String, String> NAMES = Map.of(
            "SelfLoopBenchmark", "selfloop",
            "PingPongBenchmark", "pingpong",
            "ThroughputBenchmark", "throughput",
            "SumSessionsBenchmark", "sum.sessions",
            "PgjdbcSelectOneBenchmark", "pgjdbc.select1",
            "PgjdbcFetchBenchmark", "pgjdbc.fetch");

    private JmhResults() {
    }

    /**
     * The figures of every {@code jmh-*.json} in a directory, or of one file; and the allocation
     * figures, only, of every {@code alloc-*.json}: the selfloop run with {@code -prof gc}, whose
     * times (without the C floor beside them) the paired run gives better.
     */
    static List<Figure> readAll(Path path) throws IOException {
        List<Figure> figures = new ArrayList<>();
        for (Path file : files(path)) {
            figures.addAll(read(file));
        }
        if (Files.isDirectory(path)) {
            for (Path file : files(path, "alloc-*.json")) {
                read(file).stream().filter(f -> f.benchmark().startsWith("alloc.")).forEach(figures::add);
            }
        }
        return figures;
    }

    /**
     * The non-empty {@code jmh-*.json} files of a directory in name order, or the one file named.
     * An empty file is left out with a note: JMH writes nothing when every benchmark of its run
     * failed, and bin/uds-bench said which.
     */
    static List<Path> files(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return Files.exists(path) ? List.of(path) : List.of();
        }
        return files(path, "jmh-*.json");
    }

    private static List<Path> files(Path directory, String glob) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var stream = Files.newDirectoryStream(directory, glob)) {
            for (Path file : stream) {
                if (Files.size(file) == 0) {
                    System.err.println("uds-bench: " + file + " is empty: its benchmarks failed, no figures from it");
                } else {
                    files.add(file);
                }
            }
        }
        files.sort(null);
        return files;
    }

    /** The highest score of any measured iteration of any fork (JMH's {@code rawData}). */
    private static double best(JsonObject primary) {
        double best = 0;
        for (JsonElement fork : primary.getAsJsonArray("rawData")) {
            for (JsonElement iteration : fork.getAsJsonArray()) {
                best = Math.max(best, iteration.getAsDouble());
            }
        }
        return best;
    }

    static List<Figure> read(Path json) throws IOException {
        List<Figure> figures = new ArrayList<>();
        for (JsonElement element : JsonParser.parseString(Files.readString(json)).getAsJsonArray()) {
            JsonObject run = element.getAsJsonObject();
            String[] parts = run.get("benchmark").getAsString().split("\\.");
            String name = NAMES.getOrDefault(parts[parts.length - 2], parts[parts.length - 2]);
            JsonObject params = run.getAsJsonObject("params");
            Target target = Target.parse(params.get("target").getAsString());
            String backend = target.library() + (target.nativePeer() ? ">c" : "");
            int size = params.has("size") ? params.get("size").getAsInt()
                    : params.has("clients") ? params.get("clients").getAsInt()
                    : params.has("rows") ? params.get("rows").getAsInt()
                    : name.equals("throughput") ? ThroughputBenchmark.BLOCK : 1;
            JsonObject primary = run.getAsJsonObject("primaryMetric");
            double score = primary.get("score").getAsDouble();
            double error = primary.get("scoreError").isJsonPrimitive() ? primary.get("scoreError").getAsDouble() : 0;
            if (Double.isNaN(error)) {
                error = 0;
            }
            String unit = primary.get("scoreUnit").getAsString();
            String type = target.type().name();
            switch (name) {
                case "pingpong" -> {
                    JsonObject percentiles = primary.getAsJsonObject("scorePercentiles");
                    figures.add(new Figure("pingpong.p50", backend, type, size, unit, percentiles.get("50.0").getAsDouble(), 0, null));
                    figures.add(new Figure("pingpong.p99", backend, type, size, unit, percentiles.get("99.0").getAsDouble(), 0, null));
                }
                case "throughput" -> {
                    double toMegabytes = ThroughputBenchmark.BLOCK / 1e6;
                    figures.add(new Figure(name, backend, type, size, "MB/s", score * toMegabytes, error * toMegabytes, null));
                }
                case "sum.sessions" -> figures.add(new Figure(name, backend, type, size, "sessions/s",
                        score * size, error * size, null));
                case "pgjdbc.select1", "pgjdbc.fetch" -> {
                    String rate = name.equals("pgjdbc.select1") ? "queries/s" : "fetches/s";
                    figures.add(new Figure(name, backend, type, size, rate, score, error, null));
                    // The best iteration: on a shared machine noise only ever slows a window down,
                    // so each transport's best window is its undisturbed rate (as selfloop.best).
                    figures.add(new Figure(name + ".best", backend, type, size, rate, best(primary), 0, null));
                }
                default -> figures.add(new Figure(name, backend, type, size, unit, score, error, null));
            }
            JsonObject secondary = run.getAsJsonObject("secondaryMetrics");
            if (secondary != null) {
                for (Map.Entry<String, JsonElement> metric : secondary.entrySet()) {
                    if (metric.getKey().endsWith("gc.alloc.rate.norm")) {
                        JsonObject m = metric.getValue().getAsJsonObject();
                        figures.add(new Figure("alloc." + name, backend, type, size, m.get("scoreUnit").getAsString(),
                                m.get("score").getAsDouble(), 0, null));
                    }
                }
            }
        }
        return figures;
    }
}
