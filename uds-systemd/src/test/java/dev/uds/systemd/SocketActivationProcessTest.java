package dev.uds.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Socket activation with real parents: systemd's own {@code systemd-socket-activate}, which
 * binds and listens, waits for a first client and then execs the service with {@code LISTEN_*}
 * set; and a Python launcher that hands over descriptors no systemd would (a pipe, an AF_INET
 * socket) or a wrong {@code LISTEN_PID}. The service is {@link SystemdProbe}, on each backend.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SocketActivationProcessTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ffm", "jnr"})
    void systemdSocketActivateHandsTwoNamedListenersOver(String backend) throws Exception {
        Path first = dir.resolve("first.sock");
        Path second = dir.resolve("second.sock");
        try (ProbeProcess probe = ProbeProcess.start(dir,
                List.of(ProbeProcess.program("systemd-socket-activate"), "--seqpacket",
                        "-l", first.toString(), "-l", second.toString(), "--fdname=first:second"),
                ProbeProcess.probe(backend, "listen", "SEQPACKET"))) {
            awaitFile(second, probe);
            // The first client makes systemd-socket-activate exec the probe; both wait in the backlogs.
            try (UnixSocket a = UnixDomain.connect(SocketType.SEQPACKET, UnixAddress.of(first));
                 UnixSocket b = UnixDomain.connect(SocketType.SEQPACKET, UnixAddress.of(second))) {
                assertEquals("first", receive(a), probe.output());
                assertEquals("second", receive(b), probe.output());
            }
            assertEquals(0, probe.awaitExit(), probe.output());
            assertEquals("adopted fd 3 (first) SEQPACKET close-on-exec before=false after=true non-blocking=false\n"
                    + "again: fd 3 (first) was taken already\n"
                    + "adopted fd 4 (second) SEQPACKET close-on-exec before=false after=true non-blocking=false\n"
                    + "again: fd 4 (second) was taken already\n"
                    + "served 2\n", probe.stdout());
            assertTrue(Files.exists(first) && Files.exists(second), "the socket files are systemd-socket-activate's");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ffm", "jnr"})
    void systemdSocketActivateHandsADatagramSocketOver(String backend) throws Exception {
        Path socket = dir.resolve("datagram.sock");
        try (ProbeProcess probe = ProbeProcess.start(dir,
                List.of(ProbeProcess.program("systemd-socket-activate"), "--datagram", "-l", socket.toString()),
                ProbeProcess.probe(backend, "receive"))) {
            awaitFile(socket, probe);
            // The first datagram makes systemd-socket-activate exec the probe, which receives it.
            try (UnixSocket sender = UnixDomain.connect(SocketType.DGRAM, UnixAddress.of(socket))) {
                sender.send(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
                assertEquals(0, probe.awaitExit(), probe.output());
            }
            assertEquals("adopted fd 3 DGRAM close-on-exec=true received hello\n", probe.stdout());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ffm", "jnr"})
    void streamListenerIsRefusedWhereSeqpacketIsExpectedAndLeftOpen(String backend) throws Exception {
        Path socket = dir.resolve("stream.sock");
        try (ProbeProcess probe = ProbeProcess.start(dir,
                List.of(ProbeProcess.program("systemd-socket-activate"), "-l", socket.toString()),
                ProbeProcess.probe(backend, "listen", "SEQPACKET"))) {
            awaitFile(socket, probe);
            try (UnixSocket client = UnixDomain.connect(SocketType.STREAM, UnixAddress.of(socket))) {
                assertEquals(3, probe.awaitExit(), probe.output());
            }
            assertLines(probe.stdout(), "error: adopt fd 3: EPROTOTYPE (Protocol wrong type for socket); "
                    + "fd 3 is a STREAM socket, not SEQPACKET", "still open: fd 3 -> socket:[");
            assertTrue(probe.stdout().contains(" taken=false"), probe.stdout());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ffm", "jnr"})
    void pipeAsDescriptorThreeIsRefusedWithEnotsockAndLeftOpen(String backend) throws Exception {
        ProbeProcess probe = launchWithFd3("pipe", "self", backend);
        try (probe) {
            assertEquals(3, probe.awaitExit(), probe.output());
            assertLines(probe.stdout(), "error: adopt fd 3: ENOTSOCK (Socket operation on non-socket); fd 3 is pipe:[",
                    "still open: fd 3 -> pipe:[");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ffm", "jnr"})
    void inetSocketAsDescriptorThreeIsRefusedWithEafnosupportAndLeftOpen(String backend) throws Exception {
        ProbeProcess probe = launchWithFd3("inet", "self", backend);
        try (probe) {
            assertEquals(3, probe.awaitExit(), probe.output());
            assertLines(probe.stdout(), "error: adopt fd 3: EAFNOSUPPORT (Address family not supported by protocol); "
                    + "fd 3 is a socket of AF_INET, not AF_UNIX", "still open: fd 3 -> socket:[");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ffm", "jnr"})
    void listenPidOfAnotherProcessIsAnError(String backend) throws Exception {
        ProbeProcess probe = launchWithFd3("unix-stream", "1", backend);
        try (probe) {
            assertEquals(3, probe.awaitExit(), probe.output());
            assertLines(probe.stdout(), "error: LISTEN_PID=1 is not this process (pid " + probe.pid()
                    + "): the descriptors of LISTEN_FDS=1 were passed to another process");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"ffm,unix-stream", "jnr,unix-stream", "ffm,unix-stream-nonblocking", "jnr,unix-stream-nonblocking"})
    void unixStreamListenerFromPythonIsTakenAndBlocks(String backend, String kind) throws Exception {
        ProbeProcess probe = launchWithFd3(kind, "self", backend);
        try (probe) {
            String name = "\0uds-systemd-test-" + probe.pid();
            awaitOutput(probe, "adopted");
            try (UnixSocket client = UnixDomain.connect(SocketType.STREAM, UnixAddress.abstractName(name.substring(1)))) {
                assertEquals(SocketActivation.UNNAMED, receive(client), probe.output());
            }
            assertEquals(0, probe.awaitExit(), probe.output());
            assertTrue(probe.stdout().startsWith(
                    "adopted fd 3 (unknown) STREAM close-on-exec before=false after=true non-blocking=false\n"),
                    probe.output());
        }
    }

    private ProbeProcess launchWithFd3(String kind, String listenPid, String backend) throws IOException {
        Path script = Path.of("src/test/python/with_fd3.py").toAbsolutePath();
        return ProbeProcess.start(dir, List.of(ProbeProcess.python(), script.toString(), kind, listenPid),
                kind.startsWith("unix-stream") ? ProbeProcess.probe(backend, "listen", "STREAM", "any")
                        : ProbeProcess.probe(backend, "listen", "SEQPACKET"));
    }

    private static void assertLines(String output, String... starts) {
        String[] lines = output.split("\n");
        assertTrue(lines.length >= 1, output);
        for (String start : starts) {
            boolean found = false;
            for (String line : lines) {
                found |= line.startsWith(start);
            }
            assertTrue(found, "a line starting with \"" + start + "\" in:\n" + output);
        }
    }

    private static String receive(UnixSocket socket) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        int n = socket.receive(buffer);
        return n < 0 ? "(end of stream)" : new String(buffer.array(), 0, n, StandardCharsets.US_ASCII);
    }

    private static void awaitFile(Path path, ProbeProcess probe) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(path)) {
            assertTrue(System.nanoTime() < deadline, path + " did not appear: " + probe.output());
            Thread.sleep(20);
        }
    }

    private static void awaitOutput(ProbeProcess probe, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!probe.stdout().contains(text)) {
            assertTrue(System.nanoTime() < deadline, "no \"" + text + "\" from the probe: " + probe.output());
            Thread.sleep(20);
        }
    }
}
