package dev.uds.backend.jnr;

import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.internal.Errors;
import dev.uds.linux.Linux;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An owned file descriptor and the calls in progress on it.
 *
 * <p>Every call runs between {@link #acquire()} and {@link #release()}. Closing with no call in
 * progress closes the descriptor at once. Closing while calls block shuts the socket down
 * ({@code SHUT_RDWR}), which wakes them (a receive returns 0, an accept fails with
 * {@code EINVAL}, a send with {@code EPIPE}); they then throw {@link AsynchronousCloseException},
 * and the last one out closes the descriptor, so that its number is never reused under a call.
 * A socket with nothing blocked on it is never shut down by a close, which matters for one whose
 * descriptor was passed to another process.
 */
final class JnrDescriptor {
    private static final int CLOSING = 1;
    private static final int ONE_CALL = 2;

    private final int fd;
    /** Calls in progress times {@link #ONE_CALL}, plus {@link #CLOSING} once closed. */
    private final AtomicInteger state = new AtomicInteger();
    private final AtomicBoolean released = new AtomicBoolean();

    JnrDescriptor(int fd) {
        this.fd = fd;
    }

    /**
     * Enters a call.
     *
     * @return the descriptor number
     * @throws ClosedChannelException if closed
     */
    int acquire() throws ClosedChannelException {
        int s;
        do {
            s = state.get();
            if ((s & CLOSING) != 0) {
                throw new ClosedChannelException();
            }
        } while (!state.compareAndSet(s, s + ONE_CALL));
        return fd;
    }

    /** Leaves a call; the last call out of a closed descriptor closes it. */
    void release() {
        if (state.addAndGet(-ONE_CALL) == CLOSING) {
            // The closing thread has returned already: no one is left to tell of a failed close(2),
            // which on a socket can only be EINTR, after which the descriptor is released anyway.
            closeNow();
        }
    }

    boolean isClosed() {
        return (state.get() & CLOSING) != 0;
    }

    /**
     * The exception for a call that failed or returned early because the descriptor was closed
     * meanwhile, or null when it is still open.
     */
    AsynchronousCloseException closedMeanwhile() {
        return isClosed() ? new AsynchronousCloseException() : null;
    }

    /** The number, for a call made while holding the descriptor. */
    int fd() {
        return fd;
    }

    /**
     * Closes the descriptor, now or when the last call in progress leaves; harmless when
     * called again.
     *
     * @throws IOException if {@code close(2)} fails
     */
    void close() throws IOException {
        int s;
        int next;
        do {
            s = state.get();
            if ((s & CLOSING) != 0) {
                return;
            }
            // With calls in progress, the close counts as one more until it has shut the socket
            // down: otherwise the last call could close the number, and shutdown(2) hit whatever
            // socket reused it.
            next = s == 0 ? CLOSING : (s | CLOSING) + ONE_CALL;
        } while (!state.compareAndSet(s, next));
        if (s != 0) {
            // Wake the blocked calls. The result does not matter: a socket that cannot be shut
            // down (never connected, say) has nothing blocked that shutting down would wake.
            JnrLibc.C.shutdown(fd, Linux.SHUT_RDWR);
            release(); // the last one out, perhaps this, closes the descriptor
            return;
        }
        int errno = closeNow();
        if (errno != 0) {
            // close(2) released the descriptor even so (Linux): there is nothing to retry.
            throw Errors.exception("close", "descriptor " + fd, errno);
        }
    }

    /**
     * Gives the descriptor to a new owner: this object is closed from then on, without closing
     * the descriptor.
     *
     * @return the descriptor number
     * @throws ClosedChannelException if closed already
     * @throws IOException            if a call is in progress on it
     */
    int handOver() throws IOException {
        if (!state.compareAndSet(0, CLOSING)) {
            if (isClosed()) {
                throw new ClosedChannelException();
            }
            throw new IOException("descriptor " + fd + " is in use by another thread and cannot be handed over");
        }
        released.set(true);
        return fd;
    }

    /** Closes the descriptor once, whoever calls; returns the errno of a failed close, else 0. */
    private int closeNow() {
        if (released.compareAndSet(false, true) && JnrLibc.C.close(fd) < 0) {
            return JnrLibc.errno();
        }
        return 0;
    }
}
