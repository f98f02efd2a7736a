package dev.uds.backend.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Backend;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of connections served by virtual threads on two carriers: parked calls must leave
 * the carriers free. Runs in its own surefire execution ({@code two-carriers}), whose JVM has
 * {@code -Djdk.virtualThreadScheduler.parallelism=2} and {@code maxPoolSize=2}: with a receive
 * that blocked its carrier, two parked receivers would stop everything.
 */
@Tag("two-carriers")
class FfmTwoCarriersTest {
    private static final int CLIENTS = 5_000;
    /**
     * Connections not yet accepted, at most: clients take a permit before connecting and the
     * acceptor gives one back for each connection it accepts, so that the test's clients never
     * wait on a full backlog (a wait this test does not measure).
     */
    private static final int CONNECTING = 1_000;

    @TempDir
    Path directory;

    @BeforeAll
    static void runsOnTwoCarriers() {
        assertEquals("2", System.getProperty("jdk.virtualThreadScheduler.parallelism"),
                "this test means something only on two carriers: run it in the two-carriers execution");
        assertEquals("2", System.getProperty("jdk.virtualThreadScheduler.maxPoolSize"));
    }

    @Test
    void fiveThousandSeqpacketClientsParkedInReceiveOnFfmAllGetTheirNumberBack() throws Exception {
        exchange(FfmTestSockets.ffm(), SocketType.SEQPACKET);
    }

    /** The same on the JDK's own AF_UNIX channels, for comparison: STREAM is all they have. */
    @Test
    void fiveThousandStreamClientsParkedInReceiveOnJdkAllGetTheirNumberBack() throws Exception {
        Backend jdk = UnixDomain.backend("jdk");
        assertTrue(jdk.isAvailable(), "the jdk backend is a test dependency");
        exchange(jdk, SocketType.STREAM);
    }

    /**
     * {@value #CLIENTS} clients connect, one virtual thread serves each accepted connection; all
     * 10,000 park in receive (clients wait for a go, servers for the number); then each client
     * gets its go, sends its number and receives it back.
     */
    private void exchange(Backend backend, SocketType type) throws Exception {
        long socketsBefore = FfmTestSockets.openSockets();
        UnixAddress address = UnixAddress.of(directory.resolve("s.sock"));
        long start = System.nanoTime();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Queue<UnixSocket> accepted = new ConcurrentLinkedQueue<>();
        Queue<UnixSocket> clients = new ConcurrentLinkedQueue<>();
        Semaphore connecting = new Semaphore(CONNECTING);
        List<Thread> threads = new ArrayList<>();
        Queue<Thread> handlers = new ConcurrentLinkedQueue<>();
        AtomicInteger echoed = new AtomicInteger();
        CountDownLatch connected = new CountDownLatch(CLIENTS);
        try (UnixSocket server = backend.listen(type, address, CLIENTS)) {
            Thread acceptor = Thread.ofVirtual().name("acceptor").start(() -> {
                try {
                    for (int i = 0; i < CLIENTS; i++) {
                        UnixSocket socket = server.accept();
                        connecting.release();
                        accepted.add(socket);
                        handlers.add(Thread.ofVirtual().start(() -> serveOne(socket, failure)));
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
            for (int i = 0; i < CLIENTS; i++) {
                int number = i;
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        connecting.acquire();
                        UnixSocket client = backend.connect(type, address);
                        clients.add(client);
                        try (client) {
                            connected.countDown();
                            receiveFully(client, ByteBuffer.allocate(1)); // the go: parked until then
                            client.send(ByteBuffer.allocate(4).putInt(0, number));
                            ByteBuffer back = ByteBuffer.allocate(4);
                            receiveFully(client, back);
                            if (back.getInt(0) == number) {
                                echoed.incrementAndGet();
                            }
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
            while (!connected.await(10, TimeUnit.MILLISECONDS)) {
                if (failure.get() != null) {
                    throw new AssertionError("failed after " + (CLIENTS - connected.getCount()) + " connects", failure.get());
                }
                assertTrue(System.nanoTime() < deadline, "connected: " + (CLIENTS - connected.getCount()));
            }
            acceptor.join(TimeUnit.SECONDS.toMillis(50));
            threads.addAll(handlers);
            assertEquals(CLIENTS, accepted.size());
            awaitAllParked(threads, failure, backend);
            long parked = System.nanoTime();
            String memory = memory();

            for (UnixSocket socket : accepted) {
                socket.send(ByteBuffer.wrap(new byte[] {1}));
            }
            for (Thread thread : threads) {
                assertTrue(thread.join(Duration.ofSeconds(50)), "a client or handler still runs");
            }
            long done = System.nanoTime();
            if (failure.get() != null) {
                throw new AssertionError("an exchange failed", failure.get());
            }
            assertEquals(CLIENTS, echoed.get(), "every client got its own number back");
            long total = TimeUnit.NANOSECONDS.toMillis(done - start);
            System.out.printf("[two carriers] %s %s: %d clients connected and %d receives parked in %d ms; "
                            + "exchanges done in %d ms; total %d ms; at the parked moment %s%n",
                    backend.name(), type, CLIENTS, 2 * CLIENTS, TimeUnit.NANOSECONDS.toMillis(parked - start),
                    TimeUnit.NANOSECONDS.toMillis(done - parked), total, memory);
            assertTrue(total < 60_000, "took " + total + " ms");
        } finally {
            // On success all are closed already; on a failure, no socket outlives the test.
            for (UnixSocket socket : accepted) {
                socket.close();
            }
            for (UnixSocket socket : clients) {
                socket.close();
            }
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(10));
            }
        }
        assertEquals(socketsBefore, FfmTestSockets.openSockets(), "every socket closed");
    }

    /** A handler: receives the number, sends it back, waits for the client to close. */
    private static void serveOne(UnixSocket socket, AtomicReference<Throwable> failure) {
        try (socket) {
            ByteBuffer number = ByteBuffer.allocate(4);
            receiveFully(socket, number);
            socket.send(number.flip());
            if (socket.receive(ByteBuffer.allocate(1)) != -1) {
                throw new IOException("the client sent more");
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    /** Fills {@code buffer}: one message for SEQPACKET, as many reads as STREAM needs. */
    private static void receiveFully(UnixSocket socket, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (socket.receive(buffer) < 0) {
                throw new EOFException("end of stream after " + buffer.position() + " bytes");
            }
        }
    }

    /** Waits until every thread is parked (WAITING), and on ffm until the poller lists that many calls. */
    private static void awaitAllParked(List<Thread> threads, AtomicReference<Throwable> failure, Backend backend)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
        while (true) {
            if (failure.get() != null) {
                throw new AssertionError("failed before all were parked", failure.get());
            }
            long parked = threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count();
            boolean listed = !backend.name().equals("ffm") || FfmWait.waiting() >= threads.size();
            if (parked == threads.size() && listed) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(parked + " of " + threads.size() + " parked; ffm lists " + FfmWait.waiting());
            }
            Thread.sleep(10);
        }
    }

    /** Heap used and the process's resident set, for the report. */
    private static String memory() throws IOException {
        Runtime runtime = Runtime.getRuntime();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.substring("VmRSS:".length()).trim())
                .findFirst().orElse("unknown");
        return String.format("heap used %d MB, RSS %s", heap >> 20, rss);
    }

    /**
     * With 1,000 connections whose clients and servers are all parked in receive, a new client
     * is still accepted and served at once; and a JFR recording of it shows no virtual thread
     * pinned in the ffm backend.
     */
    @Test
    void aNewConnectionIsServedWithinASecondWhileAThousandReceiversAreParked() throws Exception {
        Backend ffm = FfmTestSockets.ffm();
        long socketsBefore = FfmTestSockets.openSockets();
        Path jfr = directory.resolve("pinned.jfr");
        int parkedConnections = 1_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<UnixSocket> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long servedMillis;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            UnixAddress address = UnixAddress.abstractName("uds-ffm-two-carriers-" + System.nanoTime());
            try (UnixSocket server = ffm.listen(SocketType.SEQPACKET, address, parkedConnections)) {
                Thread acceptor = Thread.ofVirtual().start(() -> {
                    try {
                        while (true) {
                            UnixSocket socket = server.accept();
                            Thread.ofVirtual().start(() -> echoUntilClosed(socket, failure));
                        }
                    } catch (java.nio.channels.AsynchronousCloseException closed) {
                        // The test closed the server: the acceptor's end.
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                });
                for (int i = 0; i < parkedConnections; i++) {
                    UnixSocket client = ffm.connect(SocketType.SEQPACKET, address);
                    clients.add(client);
                    threads.add(Thread.ofVirtual().start(() -> {
                        try {
                            client.receive(ByteBuffer.allocate(4)); // nothing comes until the test ends
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                        }
                    }));
                }
                // The clients' receivers, their servers' receivers, and the acceptor.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (FfmWait.waiting() < 2 * parkedConnections + 1) {
                    assertTrue(System.nanoTime() < deadline, "parked: " + FfmWait.waiting());
                    Thread.sleep(10);
                }

                long start = System.nanoTime();
                Thread newcomer = Thread.ofVirtual().start(() -> {
                    try (UnixSocket client = ffm.connect(SocketType.SEQPACKET, address)) {
                        client.send(ByteBuffer.allocate(4).putInt(0, 4242));
                        ByteBuffer back = ByteBuffer.allocate(4);
                        client.receive(back);
                        if (back.getInt(0) != 4242) {
                            throw new AssertionError("got " + back.getInt(0));
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                });
                assertTrue(newcomer.join(Duration.ofSeconds(10)), "the new connection was never served");
                servedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                if (failure.get() != null) {
                    throw new AssertionError("failed", failure.get());
                }
                for (UnixSocket client : clients) {
                    client.send(ByteBuffer.allocate(4));
                }
                for (Thread thread : threads) {
                    assertTrue(thread.join(Duration.ofSeconds(10)));
                }
                server.close();
                acceptor.join(Duration.ofSeconds(10));
            } finally {
                for (UnixSocket client : clients) {
                    client.close();
                }
            }
            recording.stop();
            recording.dump(jfr);
        }
        List<RecordedEvent> pinned = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned"))
                .toList();
        List<RecordedEvent> ours = pinned.stream().filter(FfmTwoCarriersTest::inFfmBackend).toList();
        System.out.printf("[two carriers] ffm SEQPACKET: with %d receivers parked, a new connection was accepted and "
                + "served in %d ms; jdk.VirtualThreadPinned events: %d, from the ffm backend: %d%n",
                2 * parkedConnections, servedMillis, pinned.size(), ours.size());
        assertEquals(List.of(), ours, "virtual threads pinned in the ffm backend");
        assertTrue(servedMillis < 1000, "served after " + servedMillis + " ms");
        if (failure.get() != null) {
            throw new AssertionError("failed", failure.get());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (FfmTestSockets.openSockets() != socketsBefore && System.nanoTime() < deadline) {
            Thread.sleep(10); // the servers' handlers close their sockets as they see end of stream
        }
        assertEquals(socketsBefore, FfmTestSockets.openSockets(), "every socket closed");
    }

    private static void echoUntilClosed(UnixSocket socket, AtomicReference<Throwable> failure) {
        try (socket) {
            ByteBuffer buffer = ByteBuffer.allocate(4);
            while (socket.receive(buffer.clear()) >= 0) {
                socket.send(buffer.flip());
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    private static boolean inFfmBackend(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return false;
        }
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            if (frame.getMethod().getType().getName().startsWith("dev.uds.backend.ffm.")) {
                return true;
            }
        }
        return false;
    }
}
