package dev.uds.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code src/test/python/stream_peer.py}: the peer that nobody on the project wrote
 * the socket code of. Closing it waits for the script to end (killing it after 30 s) and closes
 * its pipes, so that no test class leaves descriptors behind.
 */
final class PythonPeer implements AutoCloseable {
    private final Process process;
    private final BufferedReader stdout;
    private final List<String> command;

    private PythonPeer(List<String> command) throws IOException {
        this.command = command;
        this.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** Starts the script with these arguments; server modes return once it listens. */
    static PythonPeer start(String... arguments) throws IOException {
        Path script = Path.of("src/test/python/stream_peer.py").toAbsolutePath();
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("the Python peer is missing: " + script);
        }
        List<String> command = new ArrayList<>(List.of(python(), script.toString()));
        command.addAll(List.of(arguments));
        PythonPeer peer = new PythonPeer(command);
        if (!List.of("client").contains(arguments[1])) {
            String first = peer.line();
            if (!"ready".equals(first)) {
                peer.close();
                throw new IllegalStateException("the Python peer did not start (" + first + "): " + command);
            }
        }
        return peer;
    }

    /** python3, which every machine that builds uds has: CI installs it where it is missing. */
    private static String python() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "python3");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("python3 is not on the PATH; the uds-net tests need it (apt-get install python3)");
    }

    /** The next line the script printed; null at its end. */
    String line() throws IOException {
        return stdout.readLine();
    }

    long pid() {
        return process.pid();
    }

    /** Closes the script's stdin, which ends the {@code full} mode. */
    void endInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Waits for the script and checks that it exited with 0. */
    void awaitSuccess() throws IOException, InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the Python peer is still running after 30 s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the Python peer exited with " + process.exitValue() + ": " + command);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            stdout.close();
            process.getErrorStream().close();
        }
    }
}
