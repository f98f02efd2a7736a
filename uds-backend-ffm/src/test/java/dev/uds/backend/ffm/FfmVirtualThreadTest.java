package dev.uds.backend.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Backend;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import dev.uds.UnixSocketTimeoutException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Blocking calls of virtual threads park in the poller: they end on readiness, on close
 * (AsynchronousCloseException), on interrupt (ClosedByInterruptException, the socket closed),
 * on the socket's timeout, and on the poller's failure; and leak no descriptor.
 */
class FfmVirtualThreadTest {
    private final Backend ffm = FfmTestSockets.ffm();
    private List<String> descriptorsBefore;

    @BeforeEach
    void startPollerAndCountDescriptors() throws Exception {
        // The poller's epoll and eventfd live as long as the poller: start it before counting.
        try (SocketPair pair = ffm.pair(SocketType.STREAM)) {
            CompletableFuture<Integer> received = onVirtualThread(() -> pair.second().receive(ByteBuffer.allocate(1)));
            awaitParked(1);
            pair.first().send(ByteBuffer.wrap(new byte[] {1}));
            assertEquals(1, received.get(10, TimeUnit.SECONDS));
        }
        descriptorsBefore = FfmTestSockets.openDescriptors();
    }

    @AfterEach
    void leakNoDescriptor() throws IOException {
        assertEquals(0, FfmWait.waiting(), "no call left parked");
        assertEquals(descriptorsBefore, FfmTestSockets.openDescriptors());
    }

    interface IoCall<T> {
        T call() throws Exception;
    }

    static <T> CompletableFuture<T> onVirtualThread(IoCall<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Waits until {@code count} calls are parked in the poller. */
    static void awaitParked(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (FfmWait.waiting() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + FfmWait.waiting() + " of " + count + " calls parked");
            }
            Thread.sleep(2);
        }
        Thread.sleep(20); // from listing itself to LockSupport.park
    }

    static Throwable failureOf(CompletableFuture<?> result) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void parkedReceiveGetsWhatArrives(SocketType type) throws Exception {
        try (SocketPair pair = ffm.pair(type)) {
            CompletableFuture<String> received = onVirtualThread(() -> {
                ByteBuffer buffer = ByteBuffer.allocate(16);
                pair.second().receive(buffer);
                return new String(buffer.array(), 0, buffer.position(), java.nio.charset.StandardCharsets.US_ASCII);
            });
            awaitParked(1);
            pair.first().send(ByteBuffer.wrap("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            assertEquals("hello", received.get(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void closeEndsParkedReceiveWithAsynchronousCloseException(SocketType type) throws Exception {
        try (SocketPair pair = ffm.pair(type)) {
            CompletableFuture<Integer> received = onVirtualThread(() -> pair.second().receive(ByteBuffer.allocate(8)));
            awaitParked(1);
            pair.second().close();
            assertInstanceOf(AsynchronousCloseException.class, failureOf(received));
            assertThrows(ClosedChannelException.class, () -> pair.second().receive(ByteBuffer.allocate(8)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"STREAM", "SEQPACKET"})
    void closeEndsParkedAcceptWithAsynchronousCloseException(SocketType type) throws Exception {
        UnixSocket server = ffm.listen(type, UnixAddress.abstractName("uds-ffm-vt-accept-" + System.nanoTime()), 1);
        CompletableFuture<UnixSocket> accepted = onVirtualThread(server::accept);
        awaitParked(1);
        server.close();
        assertInstanceOf(AsynchronousCloseException.class, failureOf(accepted));
    }

    @Test
    void closeEndsParkedSendWithAsynchronousCloseException() throws Exception {
        try (SocketPair pair = ffm.pair(SocketType.STREAM)) {
            CompletableFuture<Integer> sent = onVirtualThread(() -> pair.first().send(ByteBuffer.allocate(16 << 20)));
            awaitParked(1);
            pair.first().close();
            assertInstanceOf(AsynchronousCloseException.class, failureOf(sent));
        }
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void interruptClosesTheSocketAndEndsParkedReceiveWithClosedByInterruptException(SocketType type) throws Exception {
        try (SocketPair pair = ffm.pair(type)) {
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            CompletableFuture<Thread> started = new CompletableFuture<>();
            CompletableFuture<Integer> received = onVirtualThread(() -> {
                started.complete(Thread.currentThread());
                try {
                    return pair.second().receive(ByteBuffer.allocate(8));
                } finally {
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            Thread receiver = started.get(10, TimeUnit.SECONDS);
            awaitParked(1);
            receiver.interrupt();
            assertInstanceOf(ClosedByInterruptException.class, failureOf(received));
            assertTrue(stillInterrupted.get(), "the interrupt status is kept");
            assertFalse(pair.second().isOpen(), "the interrupt closed the socket");
        }
    }

    @Test
    void interruptEndsParkedAcceptAndParkedSend() throws Exception {
        UnixSocket server = ffm.listen(SocketType.SEQPACKET,
                UnixAddress.abstractName("uds-ffm-vt-int-" + System.nanoTime()), 1);
        CompletableFuture<UnixSocket> accepted = new CompletableFuture<>();
        Thread acceptor = Thread.ofVirtual().start(() -> {
            try {
                accepted.complete(server.accept());
            } catch (Throwable t) {
                accepted.completeExceptionally(t);
            }
        });
        awaitParked(1);
        acceptor.interrupt();
        assertInstanceOf(ClosedByInterruptException.class, failureOf(accepted));
        assertFalse(server.isOpen());

        try (SocketPair pair = ffm.pair(SocketType.STREAM)) {
            CompletableFuture<Integer> sent = new CompletableFuture<>();
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    sent.complete(pair.first().send(ByteBuffer.allocate(16 << 20)));
                } catch (Throwable t) {
                    sent.completeExceptionally(t);
                }
            });
            awaitParked(1);
            sender.interrupt();
            assertInstanceOf(ClosedByInterruptException.class, failureOf(sent));
            assertFalse(pair.first().isOpen());
        }
    }

    @Test
    void aVirtualThreadThatComesInInterruptedClosesTheSocket() throws Exception {
        try (SocketPair pair = ffm.pair(SocketType.SEQPACKET)) {
            pair.first().send(ByteBuffer.wrap(new byte[] {1}));
            CompletableFuture<Integer> received = onVirtualThread(() -> {
                Thread.currentThread().interrupt();
                return pair.second().receive(ByteBuffer.allocate(8));
            });
            assertInstanceOf(ClosedByInterruptException.class, failureOf(received));
            assertFalse(pair.second().isOpen());
        }
    }

    @Test
    void receiveTimeoutBoundsAParkedReceive() throws Exception {
        try (SocketPair pair = ffm.pair(SocketType.SEQPACKET)) {
            pair.second().setOption(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofMillis(150));
            long start = System.nanoTime();
            CompletableFuture<Integer> received = onVirtualThread(() -> pair.second().receive(ByteBuffer.allocate(8)));
            Throwable t = failureOf(received);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertInstanceOf(UnixSocketTimeoutException.class, t);
            assertTrue(t.getMessage().contains("EAGAIN"), t.getMessage());
            assertTrue(millis >= 140 && millis < 5000, "timed out after " + millis + " ms");
            assertTrue(pair.second().isOpen(), "a timeout leaves the socket open");
        }
    }

    @Test
    void sendTimeoutBoundsAParkedSend() throws Exception {
        try (SocketPair pair = ffm.pair(SocketType.STREAM)) {
            pair.first().setOption(UnixSocketOption.SEND_TIMEOUT, Duration.ofMillis(150));
            CompletableFuture<Integer> sent = onVirtualThread(() -> pair.first().send(ByteBuffer.allocate(16 << 20)));
            assertInstanceOf(UnixSocketTimeoutException.class, failureOf(sent));
        }
    }

    @Test
    void receiveTimeoutBoundsAParkedAccept() throws Exception {
        try (UnixSocket server = ffm.listen(SocketType.STREAM,
                UnixAddress.abstractName("uds-ffm-vt-acc-to-" + System.nanoTime()), 1)) {
            server.setOption(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofMillis(100));
            assertInstanceOf(UnixSocketTimeoutException.class, failureOf(onVirtualThread(server::accept)));
        }
    }

    /**
     * A virtual thread's accept leaves the listening socket non-blocking; a platform thread's
     * accept on it still waits for a connection (in poll(2)), and its timeout still holds.
     */
    @Test
    void platformThreadsStillBlockInAcceptAfterAVirtualThreadAccepted() throws Exception {
        UnixAddress address = UnixAddress.abstractName("uds-ffm-vt-mixed-" + System.nanoTime());
        try (UnixSocket server = ffm.listen(SocketType.STREAM, address, 4)) {
            CompletableFuture<UnixSocket> first = onVirtualThread(server::accept);
            awaitParked(1);
            try (UnixSocket client = ffm.connect(SocketType.STREAM, address); UnixSocket served = first.get(10, TimeUnit.SECONDS)) {
                assertNotNull(served);
            }
            CompletableFuture<UnixSocket> onPlatform = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    onPlatform.complete(server.accept());
                } catch (Throwable t) {
                    onPlatform.completeExceptionally(t);
                }
            });
            Thread.sleep(100);
            assertFalse(onPlatform.isDone(), "a platform accept waits for a connection");
            try (UnixSocket client = ffm.connect(SocketType.STREAM, address); UnixSocket served = onPlatform.get(10, TimeUnit.SECONDS)) {
                assertNotNull(served);
            }
            server.setOption(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofMillis(100));
            assertThrows(UnixSocketTimeoutException.class, server::accept);
        }
    }

    /** A full backlog: the virtual thread's connect waits (parked, retrying) until the server accepts. */
    @Test
    void connectToAFullBacklogParksUntilTheServerAccepts() throws Exception {
        UnixAddress address = UnixAddress.abstractName("uds-ffm-vt-backlog-" + System.nanoTime());
        List<UnixSocket> queued = new ArrayList<>();
        try (UnixSocket server = ffm.listen(SocketType.SEQPACKET, address, 1)) {
            // Connect from virtual threads until one has to wait: the backlog is full.
            CompletableFuture<UnixSocket> connected = null;
            for (int i = 0; i < 4 && connected == null; i++) {
                CompletableFuture<UnixSocket> attempt = onVirtualThread(() -> ffm.connect(SocketType.SEQPACKET, address));
                try {
                    queued.add(attempt.get(300, TimeUnit.MILLISECONDS));
                } catch (java.util.concurrent.TimeoutException stillWaiting) {
                    connected = attempt;
                }
            }
            assertNotNull(connected, "the backlog never filled");
            assertFalse(connected.isDone());
            for (int i = 0; i <= queued.size(); i++) {
                server.accept().close();
            }
            connected.get(10, TimeUnit.SECONDS).close();
        } finally {
            for (UnixSocket s : queued) {
                s.close();
            }
        }
    }

    @Test
    void closeEndsAConnectWaitingOnAFullBacklog() throws Exception {
        UnixAddress address = UnixAddress.abstractName("uds-ffm-vt-backlog-close-" + System.nanoTime());
        List<UnixSocket> queued = new ArrayList<>();
        try (UnixSocket server = ffm.listen(SocketType.STREAM, address, 1)) {
            while (true) {
                UnixSocket client = ffm.open(SocketType.STREAM);
                CompletableFuture<Void> connected = onVirtualThread(() -> {
                    client.connect(address);
                    return null;
                });
                try {
                    connected.get(300, TimeUnit.MILLISECONDS);
                    queued.add(client);
                } catch (java.util.concurrent.TimeoutException waiting) {
                    client.close();
                    assertInstanceOf(AsynchronousCloseException.class, failureOf(connected));
                    break;
                }
            }
        } finally {
            for (UnixSocket s : queued) {
                s.close();
            }
        }
    }

    /** The poller stopping (here shut down; a failed epoll_wait does the same) ends parked calls with an IOException, never a hang. */
    @Test
    void aStoppedPollerFailsParkedCallsAndTheNextParkStartsANewOne() throws Exception {
        try (SocketPair pair = ffm.pair(SocketType.SEQPACKET)) {
            CompletableFuture<Integer> received = onVirtualThread(() -> pair.second().receive(ByteBuffer.allocate(8)));
            awaitParked(1);
            FfmPoller stopped = FfmPoller.running();
            assertNotNull(stopped);
            stopped.shutdown();
            Throwable t = failureOf(received);
            assertInstanceOf(IOException.class, t);
            assertTrue(t.getMessage().contains("poller"), t.getMessage());
            stopped.awaitTermination();
            // The next park starts a new poller, and the socket registers with it.
            CompletableFuture<Integer> again = onVirtualThread(() -> pair.second().receive(ByteBuffer.allocate(8)));
            awaitParked(1);
            pair.first().send(ByteBuffer.wrap(new byte[] {7}));
            assertEquals(1, again.get(10, TimeUnit.SECONDS));
            assertTrue(FfmPoller.running() != stopped);
        }
        // The new poller holds an epoll and an eventfd, as the stopped one did, whose are closed.
        List<String> after = FfmTestSockets.openDescriptors();
        assertEquals(withoutPoller(descriptorsBefore), withoutPoller(after));
        assertEquals(count(descriptorsBefore, "[eventpoll]"), count(after, "[eventpoll]"));
        assertEquals(count(descriptorsBefore, "[eventfd]"), count(after, "[eventfd]"));
        descriptorsBefore = after;
    }

    private static List<String> withoutPoller(List<String> descriptors) {
        return descriptors.stream().filter(d -> !d.contains("[eventpoll]") && !d.contains("[eventfd]")).toList();
    }

    private static long count(List<String> descriptors, String kind) {
        return descriptors.stream().filter(d -> d.contains(kind)).count();
    }

    @Test
    void heapBuffersOfManyVirtualThreadsShareAFewCopyBuffers() throws Exception {
        try (SocketPair pair = ffm.pair(SocketType.STREAM)) {
            byte[] data = new byte[200_000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            CompletableFuture<byte[]> received = onVirtualThread(() -> {
                ByteBuffer buffer = ByteBuffer.allocate(data.length);
                while (buffer.hasRemaining()) {
                    if (pair.second().receive(buffer) < 0) {
                        throw new ClosedChannelException();
                    }
                }
                return buffer.array();
            });
            CompletableFuture<Integer> sent = onVirtualThread(() -> pair.first().send(ByteBuffer.wrap(data)));
            assertEquals(data.length, sent.get(10, TimeUnit.SECONDS));
            org.junit.jupiter.api.Assertions.assertArrayEquals(data, received.get(10, TimeUnit.SECONDS));
        }
    }
}
