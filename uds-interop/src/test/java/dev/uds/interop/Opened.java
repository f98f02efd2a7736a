package dev.uds.interop;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The sockets and processes one cell opened, closed together in reverse order. Closing a socket
 * ends a call another thread is blocked in, which is how a failing half stops its partner.
 */
final class Opened implements AutoCloseable {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    synchronized <T extends AutoCloseable> T add(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Closes everything; the first failure is thrown with the others suppressed. */
    @Override
    public void close() throws Exception {
        Exception failure = null;
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                if (resources.isEmpty()) {
                    break;
                }
                next = resources.pop();
            }
            try {
                next.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
