package dev.uds.linux;

import dev.uds.internal.Errors;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;

/**
 * One owned file descriptor, safe against {@code close()} from another thread: the life every
 * native backend's sockets and received descriptors share.
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
 * {@code close()} is a plain {@code close(2)} and other holders are untouched.
 *
 * <p>A backend whose virtual threads park instead of blocking in the kernel (ffm) counts their
 * calls apart ({@link #begin(boolean) begin(true)}): {@code close()} then shuts the socket down
 * only when a call that may block in the kernel is in flight, and wakes the parked ones through
 * {@link #wakeParked()}.
 *
 * <p>One long holds it all, so that a compare-and-set moves everything at once: bit 0 is
 * "closed", bits 1 to 31 count the calls in flight that may block in the kernel in steps of 2,
 * and the high 32 bits count the calls that park instead.
 */
public class Descriptor {
    private static final long CLOSED = 1;
    private static final long CALL = 2;
    private static final long PARKING_CALL = 1L << 32;
    private static final long BLOCKING_CALLS = 0xFFFF_FFFEL;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Descriptor.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int fd;
    private final Syscalls calls;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile long state;

    /**
     * Takes ownership of a number.
     *
     * @param fd    the descriptor
     * @param calls the backend's binding, for shutdown(2) and close(2)
     */
    public Descriptor(int fd, Syscalls calls) {
        this.fd = fd;
        this.calls = calls;
    }

    /**
     * Starts a call that uses the descriptor and may block in the kernel.
     *
     * @return the descriptor's number, valid until {@link #end()}
     * @throws ClosedChannelException if the descriptor is closed
     */
    public final int begin() throws ClosedChannelException {
        return begin(false);
    }

    /**
     * Starts a call; {@code parks} tells that it is a call that parks rather than blocks in the
     * kernel, so that close need not shut the socket down to end it.
     *
     * @param parks whether the call parks
     * @return the descriptor's number, valid until {@link #end(boolean) end(parks)}
     * @throws ClosedChannelException if the descriptor is closed
     */
    public final int begin(boolean parks) throws ClosedChannelException {
        long step = parks ? PARKING_CALL : CALL;
        long s = state;
        while (true) {
            if ((s & CLOSED) != 0) {
                throw new ClosedChannelException();
            }
            long witness = (long) STATE.compareAndExchange(this, s, s + step);
            if (witness == s) {
                return fd;
            }
            s = witness;
        }
    }

    /** Ends a call started by {@link #begin()}; the last call after a close closes the number. */
    public final void end() {
        end(false);
    }

    /**
     * Ends a call started by {@link #begin(boolean) begin(parks)}.
     *
     * @param parks as given to begin
     */
    public final void end(boolean parks) {
        long step = parks ? PARKING_CALL : CALL;
        long s = (long) STATE.getAndAdd(this, -step) - step;
        if (s == CLOSED) {
            // The close() that marked us closed returns without reporting this close(2): a
            // socket's close cannot fail in a way the caller could act on.
            closeNumber();
        }
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return true once closed
     */
    public final boolean isClosed() {
        return (state & CLOSED) != 0;
    }

    /**
     * The exception for a call that failed or woke up.
     *
     * @return {@link AsynchronousCloseException} if the descriptor was closed meanwhile, else
     *         {@code null} (the call's own error stands)
     */
    public final AsynchronousCloseException closedMeanwhile() {
        return isClosed() ? new AsynchronousCloseException() : null;
    }

    /**
     * The descriptor's number for messages, whatever its state.
     *
     * @return the number
     */
    public final int number() {
        return fd;
    }

    /** The binding it was made with: a backend passes only descriptors of its own. */
    final Syscalls calls() {
        return calls;
    }

    /**
     * Closes the descriptor: at once if no call is in flight, else after the last one ends,
     * woken first. Idempotent.
     *
     * @throws IOException if {@code close(2)} fails right here
     */
    public final void close() throws IOException {
        long s = state;
        while (true) {
            if ((s & CLOSED) != 0) {
                return;
            }
            // Mark closed and count ourselves as a call, so the number stays ours for shutdown(2).
            long witness = (long) STATE.compareAndExchange(this, s, (s | CLOSED) + CALL);
            if (witness == s) {
                break;
            }
            s = witness;
        }
        if ((s & BLOCKING_CALLS) != 0) {
            // Wakes them; its error (ENOTCONN on some never-connected sockets, ENOTSOCK on a
            // received file) changes nothing: such a descriptor has nothing shutdown would wake.
            calls.shutdown(fd, Linux.SHUT_RDWR);
        }
        // Parked calls: each sees "closed" once woken. One that lists itself after this sweep
        // sees it before it parks.
        wakeParked();
        long after = (long) STATE.getAndAdd(this, -CALL) - CALL;
        if (after == CLOSED) {
            int errno = closeNumber();
            if (errno != 0) {
                // close(2) released the number even so (Linux): there is nothing to retry.
                throw Errors.exception("close", "fd " + fd, errno);
            }
        }
    }

    /**
     * Takes the number away from this object without closing it, for a new owner (a socket that
     * adopts it, or the caller of {@link dev.uds.ReceivedDescriptor#detach()}).
     *
     * @return the number
     * @throws ClosedChannelException if closed
     * @throws IOException            if a call is in flight: another thread is using the number
     */
    public final int release() throws IOException {
        long s = state;
        if ((s & CLOSED) != 0) {
            throw new ClosedChannelException();
        }
        if (s != 0 || !STATE.compareAndSet(this, 0L, CLOSED)) {
            throw new IOException("cannot give up fd " + fd + ": another thread is using it");
        }
        return fd;
    }

    /** Wakes the calls parked on this descriptor, for close; none here. */
    protected void wakeParked() {
    }

    /** Just before the number is closed, and may be reused at once; nothing here. */
    protected void beforeCloseNumber() {
    }

    /** close(2), once; returns its errno, or 0. EINTR still closes the number on Linux: not retried. */
    private int closeNumber() {
        beforeCloseNumber();
        return calls.close(fd);
    }
}
