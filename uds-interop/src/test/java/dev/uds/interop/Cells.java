package dev.uds.interop;

import dev.uds.SocketType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The outcome of every cell of this JVM's run, one tab-separated line each, in
 * {@code cells-javaN.tsv} under the directory of {@code -Duds.interop.records}
 * ({@code target/interop}); {@link InteropTable} turns the files of all runs into the table.
 */
final class Cells {
    /** Where records and the table go. */
    static final Path DIR = Path.of(System.getProperty("uds.interop.records", "target/interop"));
    private static final Path FILE = DIR.resolve("cells-java" + Runtime.version().feature() + ".tsv");

    static {
        try {
            Files.createDirectories(DIR);
            // This run's cells replace the last run's on the same Java.
            Files.writeString(FILE, "");
            // The runtime first, then one line per backend found (see InteropTable).
            StringBuilder found = new StringBuilder(System.getProperty("java.vm.name") + " " + Runtime.version() + "\n");
            for (dev.uds.Backend b : dev.uds.UnixDomain.backends()) {
                found.append(b.isAvailable() ? "`" + b.name() + "`: " + new java.util.TreeSet<>(b.socketTypes()) + " "
                        + new java.util.TreeSet<>(b.capabilities())
                        : "`" + b.name() + "`: unavailable (" + b.unavailabilityCause().map(String::valueOf).orElse("") + ")")
                        .append('\n');
            }
            Files.writeString(DIR.resolve("backends-java" + Runtime.version().feature() + ".txt"), found);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + FILE, e);
        }
    }

    /** What became of a cell. */
    enum Outcome { PASS, NOT_SUPPORTED, FAIL }

    /**
     * One cell.
     *
     * @param java       the Java feature version that ran it
     * @param where      how the sides were placed, such as {@code "one JVM"}
     * @param accepting  who took the accepting side
     * @param connecting who took the connecting side
     * @param type       the socket type
     * @param feature    the conversation
     * @param outcome    what became of it
     * @param detail     why it is not supported, or the failure
     */
    record Cell(int java, String where, String accepting, String connecting, SocketType type, Feature feature,
                Outcome outcome, String detail) {

        String line() {
            return String.join("\t", Integer.toString(java), where, accepting, connecting, type.name(), feature.name(),
                    outcome.name(), detail.replaceAll("[\\t\\r\\n]+", " ")) + "\n";
        }

        static Cell parse(String line) {
            String[] f = line.split("\t", -1);
            return new Cell(Integer.parseInt(f[0]), f[1], f[2], f[3], SocketType.valueOf(f[4]), Feature.valueOf(f[5]),
                    Outcome.valueOf(f[6]), f[7]);
        }
    }

    private Cells() {
    }

    static synchronized void record(String where, String accepting, String connecting, SocketType type,
                                    Feature feature, Outcome outcome, String detail) {
        Cell cell = new Cell(Runtime.version().feature(), where, accepting, connecting, type, feature, outcome, detail);
        try {
            Files.writeString(FILE, cell.line(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a cell in " + FILE, e);
        }
    }

    /** Every cell recorded by every run whose file is in {@link #DIR}. */
    static List<Cell> all() throws IOException {
        try (var files = Files.list(DIR)) {
            List<Path> tsv = files.filter(p -> p.getFileName().toString().matches("cells-java\\d+\\.tsv")).sorted().toList();
            List<Cell> cells = new java.util.ArrayList<>();
            for (Path p : tsv) {
                for (String line : Files.readAllLines(p)) {
                    if (!line.isEmpty()) {
                        cells.add(Cell.parse(line));
                    }
                }
            }
            return cells;
        }
    }
}
