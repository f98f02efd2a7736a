package dev.uds.backend.ffm;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;

/**
 * One owned file descriptor, safe against {@code close()} from another thread.
 *
 * <p>The danger it prevents: thread A is about to call {@code recv(fd)} while thread B closes
 * {@code fd}; the number is reused at once by some unrelated {@code open}, and A reads from the
 * wrong file. So every call brackets its use of the number with {@link #begin()} and
 * {@link #end()}, which count the calls in flight; {@link #close()} marks the descriptor closed,
 * wakes the calls blocked in the kernel with {@code shutdown(SHUT_RDWR)} (which ends a blocked
 * {@code accept}, {@code recv} or {@code send} on Linux, and stays in force for a call about to
 * start), and the last call out closes the number. The JDK's socket channels do the same.
 *
 * <p>The cost of waking with {@code shutdown(2)}: it acts on the socket, not on this process's
 * descriptor, so if the socket was also passed to another process (SCM_RIGHTS), closing it here
 * while a call is blocked on it ends the connection there too. Without a call in flight,
 * {@code close()} is a plain {@code close(2)} and other holders are untouched. (The JDK wakes
 * blocked threads with a signal instead, which FFM code cannot install.)
 *
 * <p>One int holds it all: bit 0 is "closed", the rest counts the calls in flight in steps of 2,
 * so that a compare-and-set moves both at once.
 */
final class FfmDescriptor {
    private static final int CLOSED = 1;
    private static final int CALL = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(FfmDescriptor.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int fd;
    /** Whether close wakes blocked calls with shutdown(2): true for sockets, false for files. */
    private final boolean socket;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    FfmDescriptor(int fd, boolean socket) {
        this.fd = fd;
        this.socket = socket;
    }

    /**
     * Starts a call that uses the descriptor.
     *
     * @return the descriptor's number, valid until {@link #end()}
     * @throws ClosedChannelException if the descriptor is closed
     */
    int begin() throws ClosedChannelException {
        int s = state;
        while (true) {
            if ((s & CLOSED) != 0) {
                throw new ClosedChannelException();
            }
            int witness = (int) STATE.compareAndExchange(this, s, s + CALL);
            if (witness == s) {
                return fd;
            }
            s = witness;
        }
    }

    /** Ends a call started by {@link #begin()}; the last call after a close closes the number. */
    void end() {
        int s = (int) STATE.getAndAdd(this, -CALL) - CALL;
        if (s == CLOSED) {
            // The close() that marked us closed returns without reporting this close(2): a
            // socket's close cannot fail in a way the caller could act on.
            closeNumber();
        }
    }

    /** Whether {@link #close()} has been called: a failed call then ends with AsynchronousCloseException. */
    boolean isClosed() {
        return (state & CLOSED) != 0;
    }

    /**
     * The exception for a call that failed or woke up: {@link AsynchronousCloseException} if the
     * descriptor was closed meanwhile, else {@code null} (the call's own error stands).
     */
    AsynchronousCloseException closedMeanwhile() {
        return isClosed() ? new AsynchronousCloseException() : null;
    }

    /** The descriptor's number for messages, whatever its state. */
    int number() {
        return fd;
    }

    /**
     * Closes the descriptor: at once if no call is in flight, else after the last one ends,
     * woken first. Idempotent.
     *
     * @throws IOException if {@code close(2)} fails right here
     */
    void close() throws IOException {
        int s = state;
        while (true) {
            if ((s & CLOSED) != 0) {
                return;
            }
            // Mark closed and count ourselves as a call, so the number stays ours for shutdown(2).
            int witness = (int) STATE.compareAndExchange(this, s, (s | CLOSED) + CALL);
            if (witness == s) {
                break;
            }
            s = witness;
        }
        boolean othersInFlight = s != 0;
        if (othersInFlight && socket) {
            // Wakes them; its error (ENOTCONN on some never-connected sockets) changes nothing.
            Libc.shutdown(FfmScratch.current().errno, fd, LibcStructs.SHUT_RDWR);
        }
        int after = (int) STATE.getAndAdd(this, -CALL) - CALL;
        if (after == CLOSED) {
            int errno = closeNumber();
            if (errno != 0) {
                throw dev.uds.internal.Errors.exception("close", "fd " + fd, errno);
            }
        }
    }

    /**
     * Takes the number away from this object without closing it, for a new owner.
     *
     * @return the number
     * @throws ClosedChannelException if closed
     * @throws IllegalStateException  if a call is in flight
     */
    int release() throws ClosedChannelException {
        int s = state;
        if ((s & CLOSED) != 0) {
            throw new ClosedChannelException();
        }
        if (s != 0 || !STATE.compareAndSet(this, 0, CLOSED)) {
            throw new IllegalStateException("fd " + fd + " is in use by another thread");
        }
        return fd;
    }

    /** close(2), once; returns its errno, or 0. EINTR still closes the number on Linux: not retried. */
    private int closeNumber() {
        FfmScratch scratch = FfmScratch.current();
        return Libc.close(scratch.errno, fd) == 0 ? 0 : scratch.errno();
    }
}
