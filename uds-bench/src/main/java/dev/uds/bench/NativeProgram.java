package dev.uds.bench;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A native program of {@code uds-bench/src/main/c}, built by {@code bin/uds-bench} into the
 * directory named by the system property {@code uds.bench.native}: a peer, which prints
 * {@code ready} once it listens ({@link #start}), or the C selfloop, which answers measurement
 * requests ({@link #serve}).
 */
final class NativeProgram implements Closeable {
    static final String DIRECTORY_PROPERTY = "uds.bench.native";

    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    private NativeProgram(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
    }

    /** Starts a peer and waits for its {@code ready}. */
    static NativeProgram start(String program, String... args) throws IOException {
        NativeProgram started = serve(program, args);
        String line = started.out.readLine();
        if (!"ready".equals(line)) {
            started.process.destroyForcibly();
            throw new IOException(started.process.info().commandLine().orElse(program)
                    + " did not start: it printed " + line);
        }
        return started;
    }

    /** Starts a program that answers requests on its standard input ({@link #ask(String)}). */
    static NativeProgram serve(String program, String... args) throws IOException {
        Process process = new ProcessBuilder(command(program, args)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new NativeProgram(process);
    }

    /**
     * Sends one request line and returns the program's one-line answer.
     *
     * @throws IOException if the program has exited or answers nothing
     */
    String ask(String request) throws IOException {
        in.write(request);
        in.write('\n');
        in.flush();
        String answer = out.readLine();
        if (answer == null) {
            throw new IOException("native program " + process.info().commandLine().orElse("?")
                    + " gave no answer to " + request + " (see its error output above)");
        }
        return answer;
    }

    /** The command line of a program of the native directory, which must exist. */
    private static List<String> command(String program, String... args) throws IOException {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        if (dir == null || dir.equals("none")) {
            throw new IOException("-D" + DIRECTORY_PROPERTY + " does not name the native programs' directory; "
                    + "run through bin/uds-bench, which builds them");
        }
        Path binary = Path.of(dir, program);
        if (!Files.isExecutable(binary)) {
            throw new IOException("native program " + binary + " is missing: bin/uds-bench builds it with cc");
        }
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        return command;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
