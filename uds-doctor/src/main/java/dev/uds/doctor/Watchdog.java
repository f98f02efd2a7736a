package dev.uds.doctor;

import dev.uds.Backend;
import dev.uds.Capability;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one check on a thread of its own and closes what it opened. A check that has not ended
 * after {@link #LIMIT} fails: its sockets are closed under it, which ends a blocked call, and the
 * doctor goes on with the next check instead of hanging on a broken backend.
 */
final class Watchdog {
    static final Duration LIMIT = Duration.ofSeconds(10);

    private Watchdog() {
    }

    /** A check's work; what it returns is the detail of a pass. */
    @FunctionalInterface
    interface Body {
        String run(Sockets sockets) throws Exception;
    }

    /** What a check opened, closed when it ends, last opened first. */
    static final class Sockets {
        private final List<Closeable> opened = new ArrayList<>();

        synchronized <T extends Closeable> T add(T resource) {
            opened.add(resource);
            return resource;
        }

        synchronized IOException closeAll() {
            IOException failure = null;
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (IOException | RuntimeException e) {
                    if (failure == null) {
                        failure = new IOException("close of " + opened.get(i) + " failed", e);
                    }
                }
            }
            opened.clear();
            return failure;
        }
    }

    /**
     * Runs a check, or reports it not declared.
     *
     * @param name    the check's name
     * @param needed  the capability the check needs, or null
     * @param backend the backend checked
     * @param body    the work
     * @return the outcome
     */
    static Check check(String name, Capability needed, Backend backend, Body body) {
        if (needed != null && !backend.supports(needed)) {
            return Check.notDeclared(name, needed.description());
        }
        Sockets sockets = new Sockets();
        Object[] result = new Object[1];
        Thread worker = new Thread(() -> {
            Object outcome;
            try {
                outcome = body.run(sockets);
            } catch (Exception | Error e) {
                outcome = e;
            }
            synchronized (result) {
                result[0] = outcome;
            }
        }, "uds doctor: " + name);
        worker.setDaemon(true); // a call that never returns must not keep the JVM alive
        worker.start();
        try {
            worker.join(LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean ended = !worker.isAlive();
        IOException closing = sockets.closeAll();
        Object outcome;
        synchronized (result) {
            outcome = result[0];
        }
        if (!ended) {
            return Check.failed(name, new IOException("no result after " + LIMIT.toSeconds() + " s: a call blocked"));
        }
        if (outcome instanceof Throwable) {
            return Check.failed(name, (Throwable) outcome);
        }
        return closing != null ? Check.failed(name, closing) : Check.pass(name, (String) outcome);
    }
}
