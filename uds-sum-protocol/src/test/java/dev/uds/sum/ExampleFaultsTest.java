package dev.uds.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.AddressTooLongException;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The six faults of the unix(7) example (docs/ARCHITECTURE.md), each pinned on every transport present. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExampleFaultsTest {
    @TempDir
    Path dir;

    // Fix 1: a client that leaves without END ends its own session only.

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void clientLeavingWithoutEndDoesNotStopTheServer(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir)) {
            try (RawConnection leaver = server.connect()) {
                leaver.send("1", "2");
            }
            assertEquals(7, server.client().send(List.of("3", "4")).sum());
        }
    }

    // Fix 2: concurrent sessions, bounded, with an idle timeout.

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void stalledClientDoesNotDelayAnother(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir);
             RawConnection stalled = server.connect()) {
            stalled.send("1");
            long start = System.nanoTime();
            assertEquals(7, server.client().send(List.of("3", "4")).sum());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "served while another stalls");
            stalled.send("END");
            assertEquals("1", stalled.replyText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void maxClientsBoundsSessionsAndTheNextWaitsItsTurn(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir, c -> c.withMaxClients(1));
             RawConnection first = server.connect()) {
            first.send("1");
            CompletableFuture<SumReply> second = CompletableFuture.supplyAsync(() -> send(server, "3", "4"));
            Thread.sleep(500);
            assertFalse(second.isDone(), "the second client waits while the only session is taken");
            first.send("END");
            assertEquals("1", first.replyText());
            assertEquals(7, second.get(10, TimeUnit.SECONDS).sum());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void idleSessionIsAnsweredErrIdleAndClosedWithoutABackendTimeout(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir,
                c -> c.withIdleTimeout(Duration.ofMillis(300)));
             RawConnection idle = server.connect()) {
            idle.send("1");
            assertEquals(ErrorReply.IDLE.text(), idle.replyText());
            assertTrue(idle.atEndOfStream());
            assertEquals(7, server.client().send(List.of("3", "4")).sum());
        }
    }

    // Fix 4: never steal a live server's socket; remove a stale one; clean up on every way out.

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void liveServerAtThePathIsNeitherReplacedNorUnlinked(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir)) {
            SumServerConfig second = RunningServer.config(transport, server.socket, c -> c);
            ServerAlreadyRunningException e = assertThrows(ServerAlreadyRunningException.class,
                    () -> SumServer.start(second));
            assertTrue(e.getMessage().contains(server.socket.toString()), e.getMessage());
            assertTrue(Files.exists(server.socket, LinkOption.NOFOLLOW_LINKS));
            assertEquals(7, server.client().send(List.of("3", "4")).sum());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void staleSocketFileIsRemovedAndServedOver(Transport transport) throws Exception {
        transport.assumePresent();
        Path path = dir.resolve("sum.socket");
        UnixSocket abandoned = UnixDomain.backend(transport.backend()).listen(transport.type(), UnixAddress.of(path), 1);
        abandoned.close();
        assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "closing a bound socket leaves its file");
        try (RunningServer server = RunningServer.start(transport, dir)) {
            assertEquals(7, server.client().send(List.of("3", "4")).sum());
        }
        assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void fileThatIsNotASocketIsLeftAlone(Transport transport) throws Exception {
        transport.assumePresent();
        Path path = Files.writeString(dir.resolve("sum.socket"), "data");
        assertThrows(FileAlreadyExistsException.class, () -> SumServer.start(RunningServer.config(transport, path, c -> c)));
        assertEquals("data", Files.readString(path));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void tooLongPathIsRefusedWithTheLengthAndTheLimit(Transport transport) throws Exception {
        transport.assumePresent();
        Path path = dir.resolve("s".repeat(120));
        AddressTooLongException e = assertThrows(AddressTooLongException.class,
                () -> SumServer.start(RunningServer.config(transport, path, c -> c)));
        assertTrue(e.getMessage().contains("107"), e.getMessage());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "nothing is left behind");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void stopRemovesTheSocketFileAndThePrivateDirectory(Transport transport) throws Exception {
        RunningServer server = RunningServer.start(transport, dir);
        try (var during = Files.list(dir)) {
            assertEquals(List.of(server.socket), during.toList(), "only the socket file is there while serving");
        }
        server.close();
        try (var after = Files.list(dir)) {
            assertEquals(0, after.count());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void sessionInFlightAtStopFinishesWithinTheGraceOrIsAnsweredErrClosing(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir,
                c -> c.withShutdownGrace(Duration.ofMillis(300)).withIdleTimeout(Duration.ZERO));
             RawConnection finishing = server.connect();
             RawConnection lingering = server.connect()) {
            finishing.send("5");
            lingering.send("6");
            Thread.sleep(100);
            server.server.stop();
            finishing.send("END");
            assertEquals("5", finishing.replyText());
            assertEquals(ErrorReply.SHUTTING_DOWN.text(), lingering.replyText());
            assertTrue(server.server.awaitStop(Duration.ofSeconds(5)));
            assertFalse(Files.exists(server.socket, LinkOption.NOFOLLOW_LINKS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void clientWaitingInTheBacklogAtStopIsAnsweredNotReset(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir,
                c -> c.withMaxClients(1).withShutdownGrace(Duration.ofMillis(500)).withIdleTimeout(Duration.ZERO));
             RawConnection lingering = server.connect();
             RawConnection waiting = server.connect()) {
            lingering.send("1");
            waiting.send("3");
            waiting.send("4");
            Thread.sleep(100); // the one session is taken: the second client waits to be accepted
            server.server.stop();
            waiting.send("END");
            assertEquals("7", waiting.replyText(), "accepted after the stop, and served");
            assertEquals(ErrorReply.SHUTTING_DOWN.text(), lingering.replyText());
            assertTrue(server.server.awaitStop(Duration.ofSeconds(5)));
        }
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "neither the socket file nor the private directory is left");
        }
    }

    // Fix 5: an owner-only socket file; DOWN only from the server's uid or root.

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void socketFileIsOwnerOnlyByDefault(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir)) {
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(server.socket));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void modeGivesTheSocketFileThosePermissions(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir,
                c -> c.withMode(PosixFilePermissions.fromString("rw-rw-rw-")))) {
            assertEquals(PosixFilePermissions.fromString("rw-rw-rw-"), Files.getPosixFilePermissions(server.socket));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void downFromTheServersOwnUserStopsIt(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir)) {
            assertEquals(0, server.client().send(List.of("DOWN")).sum());
            assertTrue(server.server.awaitStop(Duration.ofSeconds(10)));
            assertFalse(Files.exists(server.socket, LinkOption.NOFOLLOW_LINKS));
        }
    }

    // Fix 6: DOWN is answered at the END that follows, so the client's END never meets EPIPE.

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void downIsAnsweredAtTheFollowingEndNotBefore(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir);
             RawConnection client = server.connect()) {
            client.send("DOWN");
            Thread.sleep(300);
            assertFalse(server.server.isStopping(), "the server waits for the END after DOWN");
            client.send("END");
            assertEquals("0", client.replyText());
            assertTrue(server.server.awaitStop(Duration.ofSeconds(10)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void downIsAnsweredAtEndOfStreamToo(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir);
             RawConnection client = server.connect()) {
            client.send("DOWN");
            client.shutdownOutput();
            assertEquals("0", client.replyText());
            assertTrue(server.server.awaitStop(Duration.ofSeconds(10)));
        }
    }

    private static SumReply send(RunningServer server, String... arguments) {
        try {
            return server.client().send(List.of(arguments));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
