package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A python3 program as the peer, for what uds itself refuses to do (such as binding a path that
 * fills {@code sun_path} with no NUL): a real process making real system calls.
 */
final class PythonPeer {
    private PythonPeer() {
    }

    /**
     * Python 3, which this project's machines have ({@code .ci/run} installs it): its absence
     * fails, it is not skipped.
     *
     * @return the path of {@code python3} on the {@code PATH}
     */
    static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "python3");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("python3 is not on the PATH: apt-get install python3");
    }

    /**
     * Runs a python3 program to its end and checks that it succeeded.
     *
     * @param program   the program's text
     * @param arguments its {@code sys.argv[1:]}
     */
    static void run(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable(), "-c", program));
        command.addAll(List.of(arguments));
        Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean ended = python.waitFor(CallOnThread.END_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            python.destroyForcibly().waitFor();
        }
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ended, "python3 peer still running after " + CallOnThread.END_SECONDS + " s: " + output);
        assertEquals(0, python.exitValue(), "python3 peer failed: " + output);
    }
}
