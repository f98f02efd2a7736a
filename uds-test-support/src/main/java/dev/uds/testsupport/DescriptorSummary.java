package dev.uds.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-module figures of the descriptor check, as a markdown fragment for
 * {@code docs/RELIABILITY.md}: one row per test class and Java version, in
 * {@code target/reliability/descriptors.md} of the module whose tests run (surefire's working
 * directory), or in the directory the system property {@code uds.reliability.dir} names.
 *
 * <p>Each class rewrites its row and keeps the others, since a module's test runs (surefire
 * executions, such as the Java 17 run of the jnr backend) are separate JVMs, one after another.
 */
final class DescriptorSummary {
    private static final String ROW_START = "| `";

    private DescriptorSummary() {
    }

    static synchronized void record(String testClass, int before, int after, List<String> kept, List<String> leaked) {
        Path dir = Path.of(System.getProperty("uds.reliability.dir", "target/reliability"));
        Path file = dir.resolve("descriptors.md");
        String java = Integer.toString(Runtime.version().feature());
        Map<String, String> rows = new TreeMap<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.startsWith(ROW_START) && stillExists(line)) {
                        rows.put(key(line), line);
                    }
                }
            }
            String row = ROW_START + testClass + "` | " + java + " | " + before + " | " + after + " | "
                    + (kept.isEmpty() ? "" : kept.size() + ": " + String.join(", ", kept.stream().map(DescriptorSnapshot::targetOf).toList()))
                    + " | " + (leaked.isEmpty() ? "0" : "**" + leaked.size() + "**: " + String.join(", ", leaked)) + " | "
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " |";
            rows.put(key(row), row);
            long leakingClasses = rows.values().stream().filter(r -> r.contains("| **")).count();
            StringBuilder text = new StringBuilder()
                    .append("## Descriptor leaks: ").append(Path.of("").toAbsolutePath().getFileName()).append("\n\n")
                    .append("Each test class compared `/proc/self/fd` before its first test and after its last ")
                    .append("(DescriptorLeakExtension of uds-test-support): ").append(rows.size())
                    .append(" class runs checked, ").append(leakingClasses).append(" leaked. Descriptors a JVM opens ")
                    .append("once and keeps (jars, pollers, random devices, the attach listener) are listed, not counted as leaks.\n\n")
                    .append("| test class | Java | open before | open after | kept by the JVM (not leaks) | leaked | run at |\n")
                    .append("|---|---|---|---|---|---|---|\n");
            rows.values().forEach(r -> text.append(r).append('\n'));
            Files.createDirectories(dir);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the descriptor summary " + file.toAbsolutePath(), e);
        }
    }

    /** Whether a row's test class is still there: a row of a removed class goes at the next write. */
    private static boolean stillExists(String row) {
        String testClass = row.split("\\|")[1].trim().replace("`", "").split(" > ")[0];
        try {
            Class.forName(testClass, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** A row's test class and Java version. */
    private static String key(String row) {
        String[] cells = row.split("\\|");
        return cells[1].trim() + " " + cells[2].trim();
    }
}
