package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.PeerProcess;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A python3 process that sends one byte to a socket (connecting first, but for DGRAM) and then
 * waits, alive, until it is released: the other process whose pid a pidfd must name, and whose
 * exit the pidfd must report.
 */
final class PythonSender implements AutoCloseable {
    private static final String PROGRAM = String.join("\n",
            "import socket, sys",
            "kind = {'STREAM': socket.SOCK_STREAM, 'SEQPACKET': socket.SOCK_SEQPACKET, 'DGRAM': socket.SOCK_DGRAM}[sys.argv[2]]",
            "s = socket.socket(socket.AF_UNIX, kind)",
            "if kind == socket.SOCK_DGRAM:",
            "    s.sendto(b'x', sys.argv[1])",
            "else:",
            "    s.connect(sys.argv[1])",
            "    s.send(b'x')",
            "sys.stdin.read(1)");

    private final Process process;

    private PythonSender(Process process) {
        this.process = process;
    }

    /**
     * Starts the sender.
     *
     * @param to   where it sends its byte
     * @param type the socket type it opens
     * @return the running sender
     * @throws IOException if python3 cannot be started
     */
    static PythonSender start(UnixAddress to, SocketType type) throws IOException {
        return new PythonSender(new ProcessBuilder(PythonPeer.executable(), "-c", PROGRAM, to.toString(), type.name())
                .redirectErrorStream(true).start());
    }

    /** Its process id. */
    long pid() {
        return process.pid();
    }

    /** Lets it exit, waits for that, and checks that it succeeded (it sent its byte). */
    void release() throws IOException, InterruptedException {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write('q');
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the Python sender ends");
        assertEquals(0, process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * Checks a pidfd of this process while it waits, releases it, and checks that the pidfd
     * reports the exit: its pid, alive, the one pidfd more that is open, then not alive though the
     * pid stays the same (a pid alone could name another process by then).
     *
     * @param process      the pidfd
     * @param pidfdsBefore {@link OpenDescriptors#pidfds()} before the pidfd was taken
     */
    void assertPidfdFollowsItsExit(PeerProcess process, List<String> pidfdsBefore) throws Exception {
        assertEquals(pid(), process.pid(), "the Python process");
        assertTrue(process.isAlive(), "alive while it waits");
        assertEquals(pidfdsBefore.size() + 1, OpenDescriptors.pidfds().size(), "one pidfd open: " + OpenDescriptors.pidfds());
        release();
        assertFalse(process.isAlive(), "the pidfd reports the exit, though the pid may be reused");
        assertEquals(pid(), process.pid());
    }

    /** Kills it if it still runs: a test that failed before {@link #release()}. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
