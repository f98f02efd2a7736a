package dev.uds.sum;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures one reliability test class measured, written as a Markdown fragment to
 * {@code target/reliability/TOPIC.md}; {@code bin/uds-reliability-report} puts every module's
 * fragments together into {@code docs/RELIABILITY.md}. Rows are kept in the order they came, and
 * the file is rewritten after each, so a run that fails midway still shows what it measured.
 */
final class Figures {
    private final Path file;
    private final String heading;
    private final String header;
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param topic   the fragment's file name, without {@code .md}
     * @param heading its section title
     * @param columns the table's column names
     */
    Figures(String topic, String heading, String... columns) {
        this.file = Path.of("target", "reliability", topic + ".md");
        this.heading = heading;
        this.header = "| " + String.join(" | ", columns) + " |\n|" + "---|".repeat(columns.length) + "\n";
    }

    /** Adds a row of the table. */
    synchronized void row(Object... cells) {
        List<String> text = new ArrayList<>();
        for (Object cell : cells) {
            text.add(String.valueOf(cell).replace("|", "\\|").replace("\n", " "));
        }
        rows.add("| " + String.join(" | ", text) + " |\n");
        write();
    }

    /** Adds a sentence under the table: how the figures were measured. */
    synchronized void note(String text) {
        if (!notes.contains(text)) {
            notes.add(text);
            write();
        }
    }

    private void write() {
        StringBuilder out = new StringBuilder("## ").append(heading).append("\n\n");
        out.append(header);
        rows.forEach(out::append);
        for (String note : notes) {
            out.append('\n').append(note).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the figures to " + file.toAbsolutePath(), e);
        }
    }
}
