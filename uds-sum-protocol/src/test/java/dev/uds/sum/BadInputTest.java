package dev.uds.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Ancillary;
import dev.uds.Backend;
import dev.uds.Capability;
import dev.uds.OpenFile;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixDomain;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken input to a server process on each backend, each case with the reply it
 * must get. After every case the server must serve a well-behaved client and hold as many
 * descriptors as before. One server per backend serves every case but the last, which stops it.
 * (The other error reply, {@code ERR DENIED}, needs another user: see {@link SecurityTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the figures' order: the README's error list first
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BadInputTest {
    private static final String IDLE_TIMEOUT = "2s";
    private static final String SHUTDOWN_GRACE = "500ms";
    private static final Figures FIGURES = new Figures("bad-input", "Bad input: each case and the reply it got",
            "input", "backend", "type", "reply it must get", "reply it got", "server after",
            "server descriptors before → after");

    /** Static: one directory for the class, as the servers outlive each test. */
    @TempDir
    static Path dir;

    private final Map<Transport, Shared> servers = new HashMap<>();

    /** A server that serves every case on one transport, and its descriptors at rest. */
    private record Shared(ServerProcess server, TreeMap<Integer, String> baseline) {
    }

    private Shared shared(Transport transport) throws Exception {
        Shared shared = servers.get(transport);
        if (shared == null) {
            Path home = Files.createDirectories(dir.resolve(transport.backend()));
            ServerProcess server = ServerProcess.start(transport, home, "--idle-timeout", IDLE_TIMEOUT,
                    "--shutdown-grace", SHUTDOWN_GRACE);
            shared = new Shared(server, server.warmUp());
            servers.put(transport, shared);
        }
        return shared;
    }

    @AfterAll
    void stopServers() throws Exception {
        for (Shared shared : servers.values()) {
            shared.server().close();
        }
    }

    /** What a case does with a connection to the server: the reply it got. */
    private interface Attempt {
        String run(ServerProcess server) throws Exception;
    }

    /**
     * Runs one case, records it, and checks its reply, that the server serves on, and that it
     * holds as many descriptors as before.
     */
    private void check(Transport transport, String input, String expected, Attempt attempt) throws Exception {
        Shared shared = shared(transport);
        ServerProcess server = shared.server();
        String got = attempt.run(server);
        boolean servesOn = server.isAlive() && server.client().send(List.of("3", "4")).sum() == 7;
        TreeMap<Integer, String> after = server.awaitDescriptors(shared.baseline());
        FIGURES.row(input, transport.backend(), transport.type(), expected, got, servesOn ? "serves 3 + 4 = 7" : "NOT serving",
                shared.baseline().size() + " → " + after.size());
        FIGURES.note("One server process per backend (`uds-sum server --idle-timeout " + IDLE_TIMEOUT
                + " --shutdown-grace " + SHUTDOWN_GRACE + "`) takes "
                + "every case but the last in turn; after each, a well-behaved client must get its sum and the "
                + "server's descriptors (`/proc/PID/fd`) must be back to their count after the warm-up. `ERR DENIED` "
                + "is tried by another user under Security.");
        assertEquals(expected, got, input);
        assertTrue(servesOn, "the server serves on after: " + input + "\n" + server.log());
        assertEquals(shared.baseline().size(), after.size(), ServerProcess.difference(shared.baseline(), after));
    }

    /** Sends messages and then END (over STREAM a message without NUL is cut by end of stream instead). */
    private static String send(ServerProcess server, byte[]... messages) throws Exception {
        try (RawConnection client = server.connect()) {
            for (byte[] message : messages) {
                client.sendBytes(message);
            }
            client.send("END");
            return client.replyText();
        }
    }

    private static byte[] text(String text) {
        return SumProtocol.message(text);
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void notAnIntegerIsAnsweredNotint(Transport transport) throws Exception {
        check(transport, "`1`, `three`, `2`", "ERR NOTINT", s -> send(s, text("1"), text("three"), text("2")));
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void emptyMessageIsAnsweredEmpty(Transport transport) throws Exception {
        check(transport, "an empty message (only the NUL)", "ERR EMPTY", s -> send(s, text("")));
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void twelveCharactersAreAnsweredToolong(Transport transport) throws Exception {
        check(transport, "`123456789012` (12 characters)", "ERR TOOLONG", s -> send(s, text("123456789012")));
    }

    @Order(4)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void numberOutsideThirtyTwoBitsIsAnsweredRange(Transport transport) throws Exception {
        check(transport, "`2147483648`", "ERR RANGE", s -> send(s, text("2147483648")));
    }

    @Order(5)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void sumOutsideThirtyTwoBitsIsAnsweredRange(Transport transport) throws Exception {
        check(transport, "`-2147483648`, `-1` (the sum)", "ERR RANGE", s -> send(s, text("-2147483648"), text("-1")));
    }

    @Order(6)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void messageWithoutNulIsAnsweredNonul(Transport transport) throws Exception {
        String input = transport.type() == SocketType.STREAM ? "`12` and end of stream, no NUL" : "`12`, no NUL";
        check(transport, input, "ERR NONUL", s -> {
            try (RawConnection client = s.connect()) {
                client.sendBytes("12".getBytes(StandardCharsets.US_ASCII));
                if (transport.type() == SocketType.STREAM) {
                    client.shutdownOutput(); // over STREAM, a message is cut only by the stream's end
                } else {
                    client.send("END");
                }
                return client.replyText();
            }
        });
    }

    @Order(9)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void sixtyFourKibMessageIsAnsweredToolong(Transport transport) throws Exception {
        byte[] big = new byte[64 * 1024];
        Arrays.fill(big, (byte) '7');
        big[big.length - 1] = 0;
        check(transport, "one message of 64 KiB (digits and a NUL)", "ERR TOOLONG", s -> send(s, big));
    }

    @Order(10)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void embeddedNulIsRefusedInAPacketAndSplitsTwoMessagesInAStream(Transport transport) throws Exception {
        byte[] twoInOne = "1\0002\0".getBytes(StandardCharsets.US_ASCII);
        // A packet is one message: bytes after its NUL other than NUL are not a number. A stream
        // has no packets: the NUL ends one message and the next begins.
        String expected = transport.type() == SocketType.STREAM ? "3" : "ERR NOTINT";
        check(transport, "`1\\0 2\\0` in one write", expected, s -> send(s, twoInOne));
    }

    @Order(11)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void nulPaddingIsAllowedInAPacketAndIsEmptyMessagesInAStream(Transport transport) throws Exception {
        byte[] padded = "5\0\0\0\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);
        // A packet may carry a C client's fixed-size buffer; in a stream each NUL ends a message.
        String expected = transport.type() == SocketType.STREAM ? "ERR EMPTY" : "5";
        check(transport, "`5` padded with NULs to 12 bytes in one write", expected, s -> send(s, padded));
    }

    @Order(12)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void floodOfAHundredThousandTinyMessagesIsSummed(Transport transport) throws Exception {
        int count = 100_000;
        long[] nanos = new long[1];
        check(transport, "a flood of 100,000 messages `1` in one session", Integer.toString(count), s -> {
            try (RawConnection client = s.connect()) {
                byte[] one = text("1");
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    client.sendBytes(one);
                }
                client.send("END");
                String reply = client.replyText();
                nanos[0] = System.nanoTime() - start;
                return reply;
            }
        });
        FIGURES.note("The flood of 100,000 messages took " + TimeUnit.NANOSECONDS.toMillis(nanos[0]) + " ms on "
                + transport.backend() + " " + transport.type() + ", sent to reply.");
    }

    @Order(13)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void clientsThatNeverReadTheirReplyDoNotHoldTheServer(Transport transport) throws Exception {
        int clients = 50;
        check(transport, clients + " clients send `1` and `END`, never read, stay connected",
                "server closes all " + clients, s -> {
                    List<RawConnection> idle = new ArrayList<>();
                    try {
                        for (int i = 0; i < clients; i++) {
                            RawConnection connection = s.connect();
                            idle.add(connection);
                            connection.send("1", "END");
                        }
                        // The server replies into the socket buffer and closes its end, client or not.
                        TreeMap<Integer, String> meanwhile = s.awaitDescriptors(shared(transport).baseline());
                        boolean closed = meanwhile.size() == shared(transport).baseline().size();
                        return closed ? "server closes all " + clients : "server holds "
                                + (meanwhile.size() - shared(transport).baseline().size()) + " open";
                    } finally {
                        for (RawConnection connection : idle) {
                            connection.close();
                        }
                    }
                });
    }

    @Order(14)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void descriptorsSentToTheServerAreClosedNotKept(Transport transport) throws Exception {
        Backend passing = UnixDomain.backends().stream()
                .filter(b -> b.isAvailable() && b.supports(Capability.DESCRIPTOR_PASSING) && b.supports(transport.type()))
                .findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(passing != null, "no backend here passes descriptors");
        Path marker = Files.writeString(dir.resolve("passed-to-the-server-" + transport.backend()), "marker");
        String[] sawMarker = {""};
        check(transport, "`5` and `END`, each with 3 descriptors (a file, a socket, the connection itself)", "5", s -> {
            try (SocketPair pair = passing.pair(SocketType.STREAM);
                 RawConnection client = RawConnection.open(new Transport(passing.name(), transport.type()), s.socket())) {
                Ancillary three = Ancillary.descriptors(OpenFile.of(marker), pair.first(), client.socket());
                client.sendBytes(text("5"), three).sendBytes(text("END"), three);
                String reply = client.replyText();
                pair.first().close();
                // Once every copy of pair.first() is closed, its peer reads end of stream; a copy
                // kept by the server would leave it waiting.
                CompletableFuture<Integer> end = CompletableFuture.supplyAsync(() -> {
                    try {
                        return pair.second().receive(ByteBuffer.allocate(8));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertEquals(-1, end.get(20, TimeUnit.SECONDS), "no copy of the passed socket is left open");
                sawMarker[0] = s.descriptors().toString();
                return reply;
            }
        });
        assertFalse(sawMarker[0].contains(marker.toString()), "the server holds the passed file: " + sawMarker[0]);
    }

    @Order(7)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void idleSessionIsAnsweredIdle(Transport transport) throws Exception {
        check(transport, "`1`, then silence for longer than the idle timeout (" + IDLE_TIMEOUT + ")", "ERR IDLE", s -> {
            try (RawConnection client = s.connect()) {
                client.send("1");
                String reply = client.replyText();
                assertTrue(client.atEndOfStream(), "the server closes the idle session");
                return reply;
            }
        });
    }

    @Order(15)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void sessionUnfinishedWhenTheServerStopsIsAnsweredClosing(Transport transport) throws Exception {
        ServerProcess server = shared(transport).server(); // the last case: it stops the server
        try (RawConnection lingering = server.connect()) {
            lingering.send("6");
            // The backlog is first in, first out: once a later client is served, this one is accepted.
            assertEquals(7, server.client().send(List.of("3", "4")).sum());
            server.signal("TERM");
            String reply = lingering.replyText();
            int exit = server.awaitExit();
            boolean removed = !Files.exists(server.socket());
            FIGURES.row("`6`, then SIGTERM to the server before `END`", transport.backend(), transport.type(),
                    "ERR CLOSING", reply, "exit " + exit + (removed ? ", socket file removed" : ", socket file LEFT"),
                    "(stopped)");
            assertEquals("ERR CLOSING", reply);
            assertEquals(0, exit, server.log());
            assertTrue(removed);
        }
    }
}
