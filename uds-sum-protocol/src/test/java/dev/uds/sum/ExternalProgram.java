package dev.uds.sum;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Programs in other languages that tests run: found or compiled, else the test is skipped. */
final class ExternalProgram {

    private ExternalProgram() {
    }

    /** What a finished program did. */
    record Outcome(int exit, String stdout, String stderr) {
    }

    /** The full path of a command on the PATH, or empty. */
    static java.util.Optional<Path> onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isExecutable(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    /** The command's path, or the test is skipped with the reason printed. */
    static Path require(String command, String purpose) {
        java.util.Optional<Path> found = onPath(command);
        if (found.isEmpty()) {
            System.err.println("SKIPPED: " + command + " is not on the PATH; it is needed for " + purpose);
        }
        Assumptions.assumeTrue(found.isPresent(), command + " is not on the PATH; it is needed for " + purpose);
        return found.get();
    }

    /** Compiles one of src/test/c into {@code dir}, or skips the test where there is no cc. */
    static Path compileC(String name, Path dir) throws IOException, InterruptedException {
        Path cc = require("cc", "the C peers of src/test/c");
        Path source = Path.of("src/test/c", name + ".c").toAbsolutePath();
        Path binary = dir.resolve(name);
        Outcome compiled = run(List.of(cc.toString(), "-O1", "-Wall", "-o", binary.toString(), source.toString()));
        if (compiled.exit() != 0) {
            throw new IllegalStateException("cc failed on " + source + ":\n" + compiled.stderr());
        }
        return binary;
    }

    /**
     * The Python interpreter itself, for tests that start many: {@code python3} on the PATH may
     * be a shim (pyenv's runs a shell script per start) that costs more than Python does.
     */
    static Path python() throws IOException, InterruptedException {
        Path python3 = require("python3", "the Python peers of src/test/python");
        Outcome outcome = run(List.of(python3.toString(), "-c", "import sys; print(sys.executable)"));
        if (outcome.exit() != 0 || outcome.stdout().isBlank()) {
            throw new IllegalStateException(python3 + " does not say where it is: " + outcome.stderr());
        }
        return Path.of(outcome.stdout().strip());
    }

    /** A script of src/test/python. */
    static Path pythonScript(String name) {
        return Path.of("src/test/python", name).toAbsolutePath();
    }

    /** The Python client's script. */
    static Path pythonClient() {
        return Path.of("src/test/python/sum_client.py").toAbsolutePath();
    }

    static Outcome run(List<String> command) throws IOException, InterruptedException {
        Process process = start(command);
        return finish(process, command);
    }

    static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(new ArrayList<>(command)).start();
    }

    static Outcome finish(Process process, List<String> command) throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("still running after 30 s: " + command);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(process.exitValue(), out, err);
    }

    /** Waits until a file exists, as a server's socket file does once it serves. */
    static void awaitFile(Path path, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(path + " did not appear; the server "
                        + (process.isAlive() ? "is still starting" : "exited with " + process.exitValue()));
            }
            Thread.sleep(20);
        }
    }
}
