package dev.uds.bench;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
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

    /** The program's process id. */
    long pid() {
        return process.pid();
    }

    /** Starts a peer and waits for its {@code ready}. */
    static NativeProgram start(String program, String... args) throws IOException {
        NativeProgram started = serve(program, args);
        started.awaitReady(program);
        return started;
    }

    /** Starts a program that answers requests on its standard input ({@link #ask(String)}). */
    static NativeProgram serve(String program, String... args) throws IOException {
        return run(command(program, args));
    }

    /**
     * Starts a Java peer in a JVM of its own, with this JVM's class path and options (a
     * collector chosen for a run applies to both sides), and waits for its {@code ready}.
     */
    static NativeProgram startJava(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("--enable-native-access=ALL-UNNAMED"); // not among the input arguments below
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        NativeProgram started = run(command);
        started.awaitReady(main.getSimpleName());
        return started;
    }

    private static NativeProgram run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new NativeProgram(process);
    }

    private void awaitReady(String name) throws IOException {
        String line = out.readLine();
        if (!"ready".equals(line)) {
            process.destroyForcibly();
            throw new IOException(process.info().commandLine().orElse(name) + " did not start: it printed " + line);
        }
    }

    /**
     * The program's next line of output.
     *
     * @throws IOException if it has exited without printing one
     */
    String readLine() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException("native program " + process.info().commandLine().orElse("?")
                    + " ended without its answer (see its error output above)");
        }
        return line;
    }

    /** Sends one line to the program without waiting for an answer. */
    void tell(String line) throws IOException {
        in.write(line);
        in.write('\n');
        in.flush();
    }

    /** Waits for the program to exit by itself, and fails if it does not exit with 0. */
    void awaitSuccess() throws IOException {
        try {
            int status = process.waitFor();
            if (status != 0) {
                throw new IOException(process.info().commandLine().orElse("native program") + " exited with " + status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a native program", e);
        }
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
