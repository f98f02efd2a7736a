package dev.uds.bench.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns one run's JMH results and the C programs' figures into {@code results.json},
 * {@code results.md} and {@code results.svg}, each figure with its cost relative to C.
 */
public final class Report {
    private Report() {
    }

    /**
     * Writes the report.
     *
     * @param args JMH's JSON file or a directory of {@code jmh-*.json} files, the C programs'
     *             JSON-lines file, the C selfloop figures taken between iterations
     *             ({@link PairedFloor}; a missing file means none), and the output directory
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: Report JMH_JSON_OR_DIR NATIVE_JSONL PAIRED_JSONL OUT_DIR");
            System.exit(2);
        }
        List<Figure> figures = new ArrayList<>();
        Path nativeFile = Path.of(args[1]);
        if (Files.exists(nativeFile)) {
            for (String line : Files.readAllLines(nativeFile)) {
                if (!line.isBlank()) {
                    figures.add(new GsonBuilder().create().fromJson(JsonParser.parseString(line), Figure.class));
                }
            }
        }
        figures.addAll(JmhResults.readAll(Path.of(args[0])));
        List<Figure> rated = new ArrayList<>(withRatios(figures));
        rated.addAll(PairedFloor.read(Path.of(args[0]), Path.of(args[2])));
        Path out = Path.of(args[3]);
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.json"),
                new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(rated));
        Files.writeString(out.resolve("results.md"), MarkdownTable.render(rated) + PgjdbcComparison.render(rated));
        PgjdbcComparison.shortfalls(rated).forEach(note -> System.out.println("uds-bench: " + note));
        Files.writeString(out.resolve("results.svg"), SvgChart.render(rated));
        System.out.println("uds-bench: " + rated.size() + " figures in " + out.resolve("results.json") + ", "
                + out.resolve("results.md") + " and " + out.resolve("results.svg"));
    }

    /** Each figure's cost relative to the C figure of its group, where there is one. */
    static List<Figure> withRatios(List<Figure> figures) {
        Map<String, Figure> floor = figures.stream().filter(f -> f.backend().equals("c"))
                .collect(Collectors.toMap(Figure::group, Function.identity(), (a, b) -> a));
        return figures.stream().map(f -> {
            Optional<Figure> c = Optional.ofNullable(floor.get(f.group()));
            Double ratio = c.filter(n -> n.score() > 0 && f.score() > 0)
                    .map(n -> f.higherIsBetter() ? n.score() / f.score() : f.score() / n.score())
                    .orElse(null);
            return f.withRatio(ratio);
        }).collect(Collectors.toList());
    }
}
