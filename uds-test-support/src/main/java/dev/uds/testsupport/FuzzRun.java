package dev.uds.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The figures of one fuzz test's run, for {@code docs/RELIABILITY.md}: how many inputs it ran,
 * for how long, how large its corpus is, and what it found. A fuzz test runs each input through
 * {@link #execute} and calls {@link #writeFigures} after its last (an {@code @AfterAll} method);
 * the figures go to {@code target/reliability/fuzz-<method>.md} of the module.
 */
public final class FuzzRun {
    /** A fuzz test's body: an input's checks. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs the checks of one input.
         *
         * @throws Exception a finding: Jazzer records the input that caused it
         */
        void run() throws Exception;
    }

    private final String target;
    private final Class<?> testClass;
    private final String method;
    private final AtomicLong executions = new AtomicLong();
    private volatile long firstNanos;
    private volatile long lastNanos;
    private volatile Throwable finding;

    /**
     * The run of one fuzz test.
     *
     * @param target    what is fuzzed and which contract is checked, in a few words
     * @param testClass the fuzz test's class
     * @param method    the fuzz test's method name
     */
    public FuzzRun(String target, Class<?> testClass, String method) {
        this.target = target;
        this.testClass = testClass;
        this.method = method;
    }

    /**
     * Runs one input's checks, counting it and remembering a failure as the run's finding.
     *
     * @param body the checks
     * @throws Exception what the checks threw, unchanged, so that Jazzer sees the finding
     */
    public void execute(Body body) throws Exception {
        long now = System.nanoTime();
        if (executions.getAndIncrement() == 0) {
            firstNanos = now;
        }
        try {
            body.run();
        } catch (Exception | Error e) {
            if (finding == null) {
                finding = e;
            }
            throw e;
        } finally {
            lastNanos = System.nanoTime();
        }
    }

    /** Writes the run's figures; in regression mode (no {@code JAZZER_FUZZ}) nothing was fuzzed, and nothing is written. */
    public void writeFigures() {
        if (System.getenv("JAZZER_FUZZ") == null) {
            return;
        }
        Path inputs = Path.of("src/test/resources", testClass.getPackageName().replace('.', '/'),
                testClass.getSimpleName() + "Inputs", method);
        Path generated = Path.of(".cifuzz-corpus", testClass.getName(), method);
        double seconds = (lastNanos - firstNanos) / 1e9;
        long runs = executions.get();
        String text = "## Fuzzing: " + target + "\n\n"
                + "| fuzz test | executions | duration | executions/s | committed corpus | generated corpus | findings | run at |\n"
                + "|---|---|---|---|---|---|---|---|\n"
                + "| `" + testClass.getSimpleName() + "." + method + "` | " + runs + " | "
                + String.format("%.1f s", seconds) + " | " + (seconds > 0 ? Math.round(runs / seconds) : runs) + " | "
                + files(inputs) + " inputs | " + files(generated) + " inputs | "
                + (finding == null ? "none" : "**" + finding.getClass().getName() + "**: " + oneLine(finding.getMessage()))
                + " | " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " |\n\n"
                + "Committed corpus: `" + inputs + "` (seeds, and every finding as a regression input); generated: `"
                + generated + "` (git-ignored).\n";
        Path dir = Path.of(System.getProperty("uds.reliability.dir", "target/reliability"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("fuzz-" + method + ".md"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fuzzing figures to " + dir.toAbsolutePath(), e);
        }
    }

    private static long files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the corpus in " + dir.toAbsolutePath(), e);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replace('\n', ' ').replace("|", "\\|");
    }
}
