package dev.uds.sum;

import dev.uds.SocketType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sum clients that connect in non-blocking mode, as Python's socket with a timeout and Go's
 * {@code net.Dial} do: many at once in one Python process (src/test/python/sum_burst.py), released
 * together by a barrier. A full listen backlog turns such a client away with {@code EAGAIN},
 * where a blocking {@code connect(2)}, like every Java client here, would wait.
 */
final class NonBlockingClients {
    private static final long LIMIT_MINUTES = 15;

    private NonBlockingClients() {
    }

    /**
     * What the clients saw.
     *
     * @param correct  sessions whose reply was the sum
     * @param wrong    sessions whose reply was not
     * @param lost     sessions that failed, at connect, send or receive
     * @param failures each kind of failure (step and Python exception) with its count
     * @param examples the first few wrong or lost sessions, described
     */
    record Outcome(long correct, long wrong, long lost, Map<String, Long> failures, List<String> examples) {
        /** The failures in one cell of a table: "none", or each with its count. */
        String failuresText() {
            if (failures.isEmpty()) {
                return "none";
            }
            List<String> kinds = new ArrayList<>();
            failures.forEach((why, count) -> kinds.add(count + " × " + why));
            return String.join("; ", kinds);
        }
    }

    /**
     * Runs {@code clients} clients of {@code sessions} sessions each against the server at
     * {@code socket}, and waits for all of them.
     */
    static Outcome run(Path socket, SocketType type, int clients, int sessions, long seed)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ExternalProgram.python().toString(),
                ExternalProgram.pythonScript("sum_burst.py").toString()));
        if (type == SocketType.STREAM) {
            command.add("--stream");
        }
        command.addAll(List.of(socket.toString(), Integer.toString(clients), Integer.toString(sessions),
                Long.toString(seed)));
        Process process = ExternalProgram.start(command);
        process.getOutputStream().close();
        try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
            CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(err));
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException("still running after " + LIMIT_MINUTES + " minutes: " + command);
            }
            String stderr = new String(errors.join(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " exited with " + process.exitValue() + ":\n" + stderr);
            }
            return parse(text, command);
        } finally {
            process.destroyForcibly();
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return ("cannot read: " + e).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static Outcome parse(String text, List<String> command) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> failures = new LinkedHashMap<>();
        List<String> examples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] words = line.split(" ", 3);
            if (words[0].equals("failed") && words.length == 3) {
                failures.put(words[2], Long.parseLong(words[1]));
            } else if (words[0].equals("example")) {
                examples.add(line.substring("example ".length()));
            } else if (words.length == 2) {
                counts.put(words[0], Long.parseLong(words[1]));
            }
        }
        if (!counts.keySet().containsAll(List.of("correct", "wrong", "lost"))) {
            throw new IllegalStateException(command + " printed no tally:\n" + text);
        }
        return new Outcome(counts.get("correct"), counts.get("wrong"), counts.get("lost"), failures, examples);
    }
}
