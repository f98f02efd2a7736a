package dev.uds.bench;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A native peer program of {@code uds-bench/src/main/c}, built by {@code bin/uds-bench} into
 * the directory named by the system property {@code uds.bench.native}. It prints {@code ready}
 * once it listens.
 */
final class NativeProgram implements Closeable {
    static final String DIRECTORY_PROPERTY = "uds.bench.native";

    private final Process process;

    private NativeProgram(Process process) {
        this.process = process;
    }

    static NativeProgram start(String program, String... args) throws IOException {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        if (dir == null) {
            throw new IOException("-D" + DIRECTORY_PROPERTY + " does not name the native programs' directory; "
                    + "run through bin/uds-bench, which builds them");
        }
        Path binary = Path.of(dir, program);
        if (!Files.isExecutable(binary)) {
            throw new IOException("native program " + binary + " is missing: bin/uds-bench builds it with cc");
        }
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            process.destroyForcibly();
            throw new IOException(command + " did not start: it printed " + line);
        }
        return new NativeProgram(process);
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
