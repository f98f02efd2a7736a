package dev.uds.bench;

import com.google.gson.Gson;
import dev.uds.bench.report.Figure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * A {@code figures-*.jsonl} file of bin/uds-bench's output directory: the figures of the
 * benchmarks that run outside JMH (another process holds the clients or the peer), one
 * {@link Figure} per line, which the report reads beside JMH's results.
 */
final class FigureFile {
    private static final Gson GSON = new Gson();

    private FigureFile() {
    }

    static void append(Path file, Figure figure) throws IOException {
        Files.writeString(file, GSON.toJson(figure) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("uds-bench: " + figure.benchmark() + " " + figure.backend() + " " + figure.socketType()
                + " " + figure.size() + ": " + String.format(Locale.ROOT, "%.3f ± %.3f %s",
                figure.score(), figure.error(), figure.unit()));
    }
}
