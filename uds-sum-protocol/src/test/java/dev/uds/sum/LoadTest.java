package dev.uds.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sum server under load, on each backend: many concurrent clients, many sessions each, random
 * numbers, every reply checked, from clients that connect in blocking mode and from clients that
 * connect in non-blocking mode. The server is a process of its own with a bounded heap, so that
 * its descriptors and heap are its own. Profile {@code reliability-long} raises the load.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class LoadTest {
    private static final int CLIENTS = Integer.getInteger("uds.reliability.load.clients", 200);
    private static final int SESSIONS = Integer.getInteger("uds.reliability.load.sessions", 50);
    /** Clients in a Python process beside the Java ones, connecting in non-blocking mode. */
    private static final int NON_BLOCKING_CLIENTS = Integer.getInteger("uds.reliability.load.nonblocking", 50);
    private static final Figures FIGURES = new Figures("load", "Load: concurrent clients on each backend",
            "backend", "type", "blocking clients × sessions", "served", "wrong", "lost", "numbers summed",
            "sessions/s", "p50 / p99 session", "non-blocking clients × sessions", "correct", "wrong", "lost (by why)",
            "server descriptors before → after",
            "server heap (-Xmx" + ServerProcess.HEAP_LIMIT + ")", "live heap before → after (full GC)");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void everySessionOfManyConcurrentClientsGetsItsSumAndTheServerLeaksNothing(Transport transport) throws Exception {
        try (ServerProcess server = ServerProcess.start(transport, dir, "--max-clients", Integer.toString(CLIENTS))) {
            server.warmUp();
            // Before the count: jcmd leaves the JVM's attach listener open in the server.
            long liveBefore = server.liveHeapAfterFullCollection();
            TreeMap<Integer, String> before = server.settledDescriptors();

            long seed = System.nanoTime();
            CompletableFuture<NonBlockingClients.Outcome> python = CompletableFuture.supplyAsync(() -> {
                try {
                    return NonBlockingClients.run(server.socket(), transport.type(), NON_BLOCKING_CLIENTS, SESSIONS, seed);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            CheckedSessions.Outcome load = CheckedSessions.run(server.client(), CLIENTS, SESSIONS, seed);
            NonBlockingClients.Outcome nonBlocking = python.get(15, TimeUnit.MINUTES);
            TreeMap<Integer, String> after = server.awaitDescriptors(before);
            boolean alive = server.isAlive();
            ServerHeap heap = server.heap();
            long live = alive ? server.liveHeapAfterFullCollection() : -1;

            FIGURES.row(transport.backend(), transport.type(), CLIENTS + " × " + SESSIONS, load.sessions(),
                    load.wrong(), load.lost(), load.numbers(),
                    String.format(Locale.ROOT, "%.0f", load.sessionsPerSecond()),
                    load.micros(0.5) + " / " + load.micros(0.99) + " µs",
                    NON_BLOCKING_CLIENTS + " × " + SESSIONS, nonBlocking.correct(), nonBlocking.wrong(),
                    nonBlocking.lost() + (nonBlocking.lost() == 0 ? "" : " (" + nonBlocking.failuresText() + ")"),
                    before.size() + " → " + after.size(), heap,
                    ServerHeap.mib(liveBefore) + " → " + ServerHeap.mib(live));
            FIGURES.note("Each client runs its sessions one after another (connect, 0 to 16 random numbers in "
                    + "±1,000,000, `END`, the reply) and checks every reply against the sum it computed; a reply "
                    + "that differs is *wrong*, a session that ends in an exception is *lost*. The blocking clients "
                    + "are threads of the test's JVM (a blocking `connect(2)` waits while the listen backlog is "
                    + "full); at the same time, " + NON_BLOCKING_CLIENTS + " non-blocking clients in one Python "
                    + "process (src/test/python/sum_burst.py, each socket set to a timeout, so that a full backlog "
                    + "fails its `connect` at once with `EAGAIN`) run as many sessions each, first released "
                    + "together. Sessions/s and latencies are those of the blocking clients. The server is "
                    + "`uds-sum server --max-clients " + CLIENTS + "` in a JVM of its own with `-Xmx"
                    + ServerProcess.HEAP_LIMIT + " -XX:+ExitOnOutOfMemoryError` (a server that outgrew the bound "
                    + "would exit and fail the test); its heap figures come from its GC log (`-Xlog:gc`): the most "
                    + "used before a collection, the most left after one, and the heap's size; the live heap is "
                    + "what a full collection (`jcmd PID GC.run`) leaves before and after the load. Descriptors are those of "
                    + "`/proc/PID/fd` of the server, after a warm-up (200 sessions, and one that keeps the server "
                    + "waiting for its first message) and after the load. Clients "
                    + "and server share the machine's cores.");

            assertTrue(alive, "the server died under load: " + server.log());
            assertEquals(List.of(), load.failures(), "wrong or lost sessions (seed " + seed + ")");
            assertEquals((long) CLIENTS * SESSIONS, load.sessions());
            assertEquals(List.of(), nonBlocking.examples(), "wrong or lost non-blocking sessions (seed " + seed + "): "
                    + nonBlocking.failuresText());
            assertEquals((long) NON_BLOCKING_CLIENTS * SESSIONS, nonBlocking.correct());
            assertEquals(before.size(), after.size(), ServerProcess.difference(before, after));
        }
    }
}
