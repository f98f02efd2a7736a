package dev.uds.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A burst of clients that connect in non-blocking mode, on each backend: 500 clients in another
 * process connect at once, each for one session, to {@code uds-sum server} with its defaults. Such
 * a client is turned away with {@code EAGAIN} when the listen backlog is full, so every one of them
 * getting its sum shows that the server's backlog holds the burst (it listens with the kernel's
 * largest); with the fixed backlog of 64 it had, dozens were lost.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ConnectBurstTest {
    private static final int CLIENTS = Integer.getInteger("uds.reliability.burst.clients", 500);
    private static final Figures FIGURES = new Figures("burst",
            "Burst: non-blocking clients connecting at once on each backend",
            "backend", "type", "clients", "correct", "wrong", "lost (by why)", "server descriptors before → after");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void everyClientOfABurstOfNonBlockingConnectsGetsItsSum(Transport transport) throws Exception {
        try (ServerProcess server = ServerProcess.start(transport, dir)) {
            TreeMap<Integer, String> before = server.warmUp();

            long seed = System.nanoTime();
            NonBlockingClients.Outcome burst = NonBlockingClients.run(server.socket(), transport.type(), CLIENTS, 1, seed);
            TreeMap<Integer, String> after = server.awaitDescriptors(before);
            boolean alive = server.isAlive();

            FIGURES.row(transport.backend(), transport.type(), CLIENTS, burst.correct(), burst.wrong(),
                    burst.lost() + (burst.lost() == 0 ? "" : " (" + burst.failuresText() + ")"),
                    before.size() + " → " + after.size());
            FIGURES.note("One Python process (src/test/python/sum_burst.py) starts " + CLIENTS + " threads, "
                    + "each with a socket set to a timeout, which makes its `connect` non-blocking: a full "
                    + "listen backlog fails it at once with `EAGAIN` (`BlockingIOError`) instead of waiting. "
                    + "The threads wait at a barrier and connect together, then each sends 0 to 16 random "
                    + "numbers and `END` and checks the reply against the sum. The server is `uds-sum server` "
                    + "with its defaults (64 sessions at once, the kernel's largest backlog) in a JVM of its own; "
                    + "its descriptors are counted after a warm-up and after the burst. With the fixed backlog "
                    + "of 64 the server had before, this burst lost clients to `EAGAIN` at connect.");

            assertTrue(alive, "the server died: " + server.log());
            assertEquals(List.of(), burst.examples(), "wrong or lost sessions (seed " + seed + "): "
                    + burst.failuresText());
            assertEquals(CLIENTS, burst.correct(), "correct sessions");
            assertEquals(before.size(), after.size(), ServerProcess.difference(before, after));
        }
    }
}
