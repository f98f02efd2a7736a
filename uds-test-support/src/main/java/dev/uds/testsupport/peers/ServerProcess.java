package dev.uds.testsupport.peers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server running as a child of this JVM until {@link #stop}: started with no pipe to the JVM
 * (its output goes to a log file), stopped by the signal the server documents for a clean and
 * quick shutdown, and stopped by a shutdown hook if the JVM ends first, so that no server outlives
 * the test that started it.
 */
final class ServerProcess {
    /** How long a server may take to become ready, or to stop after its signal. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final Path log;
    private final String stopSignal;
    private final Thread shutdownHook;

    private ServerProcess(String name, Process process, Path log, String stopSignal) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopSignal = stopSignal;
        this.shutdownHook = new Thread(this::stopQuietly, "stop " + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server.
     *
     * @param stopSignal the signal that stops it cleanly, as {@code kill -s} takes it ({@code INT}
     *     for PostgreSQL's fast shutdown, {@code TERM} for nginx and ssh-agent)
     */
    static ServerProcess start(String name, List<String> command, Map<String, String> environment, Path log,
            String stopSignal) throws IOException {
        return new ServerProcess(name, Program.start(command, environment, log), log, stopSignal);
    }

    /** The server's process id. */
    long pid() {
        return process.pid();
    }

    /**
     * Waits until {@code ready} holds.
     *
     * @throws IOException if the server exits first, or is not ready in time; the message has
     *     its log
     */
    void awaitReady(BooleanSupplier ready, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with status " + process.exitValue() + " before " + what
                        + "; its log " + log + ":\n" + Program.tail(log));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException(name + " did not get to " + what + " within " + PATIENCE + "; its log " + log
                        + ":\n" + Program.tail(log));
            }
            Thread.sleep(20);
        }
    }

    /**
     * Stops the server with its signal and waits for it to exit; kills it if it has not exited
     * in time.
     *
     * @throws IOException if it had to be killed, or had already died (its log is in the message)
     */
    void stop() throws IOException, InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it stops the server too, which is harmless.
        }
        if (!process.isAlive()) {
            throw new IOException(name + " had exited with status " + process.exitValue() + " before it was stopped; "
                    + "its log " + log + ":\n" + Program.tail(log));
        }
        signal();
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException(name + " did not stop within " + PATIENCE + " of SIG" + stopSignal
                    + " and was killed; its log " + log + ":\n" + Program.tail(log));
        }
    }

    private void signal() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", stopSignal, Long.toString(process.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (kill.waitFor() != 0 && process.isAlive()) {
            throw new IOException("kill -s " + stopSignal + " " + process.pid() + " (" + name + ") failed with status "
                    + kill.exitValue());
        }
    }

    /** The shutdown hook's stop: the JVM is ending, there is nobody left to tell of a failure. */
    private void stopQuietly() {
        try {
            if (process.isAlive()) {
                signal();
                if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
