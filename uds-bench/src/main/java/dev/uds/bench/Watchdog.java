package dev.uds.bench;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a blocked socket call from hanging a benchmark run: if an iteration outlives its
 * deadline, its sockets are closed, which ends the blocked call with an exception and fails that
 * benchmark alone.
 */
final class Watchdog {
    /** Far above any iteration's time; reached only when a call is stuck. */
    static final Duration ITERATION_DEADLINE = Duration.ofSeconds(60);

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "uds-bench-watchdog");
        t.setDaemon(true);
        return t;
    });

    private Watchdog() {
    }

    static ScheduledFuture<?> arm(List<? extends Closeable> sockets) {
        return TIMER.schedule(() -> {
            System.err.println("uds-bench: iteration exceeded " + ITERATION_DEADLINE + "; closing its sockets");
            for (Closeable socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    System.err.println("uds-bench: closing a stuck socket failed: " + e);
                }
            }
        }, ITERATION_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
