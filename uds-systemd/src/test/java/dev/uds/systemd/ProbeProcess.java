package dev.uds.systemd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SystemdProbe} in a process of its own, started through a launcher that sets up what it
 * inherits ({@code systemd-socket-activate}, or the Python script of src/test/python), with its
 * output in files of the test's directory.
 */
final class ProbeProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private ProbeProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** The JVM command line of the probe on a backend: what a launcher runs. */
    static List<String> probe(String backend, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Duds.backend=" + backend,
                "-cp", System.getProperty("java.class.path"), SystemdProbe.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts a launcher with the probe's command line after its own arguments. */
    static ProbeProcess start(Path dir, List<String> launcher, List<String> probe) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(probe);
        Path out = Files.createTempFile(dir, "probe", ".out");
        Path err = Files.createTempFile(dir, "probe", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ProbeProcess(process, out, err);
    }

    /** The path of a program the tests need; on this project's machines it is installed (.ci/run). */
    static String program(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(name + " is not on the PATH; install it (Debian: "
                + ("systemd-socket-activate".equals(name) ? "apt-get install systemd" : "apt-get install python3") + ")");
    }

    /**
     * The Python interpreter itself: {@code python3} on the PATH may be a shim (pyenv's) that
     * runs scripts before it, and costs more than Python does.
     */
    static String python() throws IOException {
        try {
            Process p = new ProcessBuilder(program("python3"), "-c", "import sys; print(sys.executable)").start();
            String path = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !path.isEmpty(),
                    "python3 does not say where it is");
            return path;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking python3 where it is", e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the exit and returns the status. */
    int awaitExit() throws IOException, InterruptedException {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe did not end: " + output());
        return process.exitValue();
    }

    /** Standard output, then standard error. */
    String output() throws IOException {
        return Files.readString(out) + Files.readString(err);
    }

    String stdout() throws IOException {
        return Files.readString(out);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
