package dev.uds.sum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.SocketType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The protocol over real sockets, on every backend and type present. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SumSessionTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void clientGetsTheSumsOfTheManPageSession(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir)) {
            assertEquals(7, server.client().send(List.of("3", "4")).sum());
            assertEquals(6, server.client().send(List.of("11", "-5")).sum());
            assertEquals(0, server.client().send(List.of()).sum());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void replyIsExactlyTwelveBytesOfDecimalPaddedWithNul(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir);
             RawConnection client = server.connect()) {
            client.send("40", "2", "END");
            assertArrayEquals("42\0\0\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII), client.reply());
            assertTrue(client.atEndOfStream(), "the server closes after its reply");
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badInputs")
    void badMessageIsAnsweredWithItsErrorAtEndAndTheServerServesOn(Transport transport, ErrorReply expected,
                                                                      byte[] bad) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir)) {
            try (RawConnection client = server.connect()) {
                client.send("1").sendBytes(bad);
                if (transport.type() == SocketType.STREAM && expected == ErrorReply.NOT_TERMINATED) {
                    // Over STREAM a message without NUL is one cut short by the end of the stream.
                    client.shutdownOutput();
                } else {
                    client.send("2", "END");
                }
                assertEquals(expected.text(), client.replyText());
            }
            assertEquals(7, server.client().send(List.of("3", "4")).sum());
        }
    }

    static List<Object[]> badInputs() {
        List<Object[]> cases = new java.util.ArrayList<>();
        for (Transport transport : Transport.all().toList()) {
            cases.add(new Object[] {transport, ErrorReply.NOT_AN_INTEGER, SumProtocol.message("three")});
            cases.add(new Object[] {transport, ErrorReply.EMPTY, SumProtocol.message("")});
            cases.add(new Object[] {transport, ErrorReply.TOO_LONG, SumProtocol.message("123456789012")});
            cases.add(new Object[] {transport, ErrorReply.TOO_LONG, SumProtocol.message("1".repeat(5000))});
            cases.add(new Object[] {transport, ErrorReply.OUT_OF_RANGE, SumProtocol.message("2147483647")});
            cases.add(new Object[] {transport, ErrorReply.NOT_TERMINATED, "12".getBytes(StandardCharsets.US_ASCII)});
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void javaClientReportsAnErrorReplyAsAnError(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir)) {
            SumReply reply = server.client().send(List.of("3", "x"));
            assertTrue(reply.isError());
            assertEquals(ErrorReply.NOT_AN_INTEGER, reply.error().orElseThrow());
        }
    }

    static List<Transport> streamTransports() {
        List<Transport> stream = Transport.all().filter(t -> t.type() == SocketType.STREAM).toList();
        return stream.isEmpty() ? List.of(new Transport(null, SocketType.STREAM)) : stream;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamTransports")
    void streamMessagesMayArriveInOneWrite(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir);
             RawConnection client = server.connect()) {
            client.sendBytes("3\0004\0END\0".getBytes(StandardCharsets.US_ASCII));
            assertEquals("7", client.replyText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void sessionsLeaveNoDescriptorOpen(Transport transport) throws Exception {
        transport.assumePresent();
        java.util.Set<String> before = openDescriptors();
        try (RunningServer server = RunningServer.start(transport, dir)) {
            for (int i = 0; i < 20; i++) {
                server.client().send(List.of("1", i % 2 == 0 ? "2" : "x"));
            }
        }
        java.util.Set<String> after = openDescriptors();
        assertEquals(before, after);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void endedSessionsLeaveNoExpiryScheduled(Transport transport) throws Exception {
        // A cancelled expiry left queued until its idle deadline kept its session and socket
        // reachable that long: under load, more than a bounded heap holds.
        try (RunningServer server = RunningServer.start(transport, dir)) {
            for (int i = 0; i < 50; i++) {
                assertEquals(3, server.client().send(List.of("1", "2")).sum());
            }
            java.util.concurrent.ScheduledThreadPoolExecutor timer =
                    (java.util.concurrent.ScheduledThreadPoolExecutor) server.server.timer();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!timer.getQueue().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20); // the last sessions close a moment after their reply
            }
            assertEquals(0, timer.getQueue().size(), "expiries still queued after every session ended");
        }
    }

    /**
     * Each open socket with its inode, so that a failure shows what was left open. Other
     * descriptors (a backend's poller, started once per process) come and go with no session.
     */
    private static java.util.Set<String> openDescriptors() throws Exception {
        java.util.Set<String> open = new java.util.TreeSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:")) {
                        open.add(fd.getFileName() + " -> " + target);
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // the listing's own descriptor, closed by now
                }
            }
        }
        return open;
    }
}
