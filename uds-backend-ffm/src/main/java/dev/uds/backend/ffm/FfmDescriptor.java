package dev.uds.backend.ffm;

import dev.uds.linux.Linux;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ConcurrentLinkedQueue;

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
 * <p>Virtual threads never block in the kernel here: their calls park in {@link FfmPoller}
 * instead, as {@link FfmWait}s listed on this descriptor, and {@code close()} wakes them by
 * unparking them. So {@code close()} issues {@code shutdown(2)} only when a platform thread's call
 * is in flight, and a socket shared with another process is left alone when only virtual threads
 * were waiting on it.
 *
 * <p>One long holds it all, so that a compare-and-set moves everything at once: bit 0 is
 * "closed", bits 1 to 31 count the calls in flight that may block in the kernel (platform
 * threads, and any call that does not park) in steps of 2, and the high 32 bits count the calls
 * of virtual threads that park instead.
 */
final class FfmDescriptor {
    private static final long CLOSED = 1;
    private static final long CALL = 2;
    private static final long PARKING_CALL = 1L << 32;
    private static final long BLOCKING_CALLS = 0xFFFF_FFFEL;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(FfmDescriptor.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int fd;
    /** Whether close wakes blocked calls with shutdown(2): true for sockets, false for files. */
    private final boolean socket;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile long state;
    /** The virtual threads parked until this descriptor is ready, or woken by close. */
    private final ConcurrentLinkedQueue<FfmWait> waiters = new ConcurrentLinkedQueue<>();
    /** The poller this number is registered with, if any; only calls in flight change it. */
    private volatile FfmPoller poller;
    /** Set once O_NONBLOCK is on (a listening socket a virtual thread accepted on). */
    private volatile boolean nonBlocking;

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
        return begin(false);
    }

    /**
     * Starts a call; {@code parks} tells that it is a virtual thread's call that parks rather
     * than blocks in the kernel, so that close need not shut the socket down to end it.
     *
     * @return the descriptor's number, valid until {@link #end(boolean) end(parks)}
     * @throws ClosedChannelException if the descriptor is closed
     */
    int begin(boolean parks) throws ClosedChannelException {
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
    void end() {
        end(false);
    }

    /** Ends a call started by {@link #begin(boolean) begin(parks)}. */
    void end(boolean parks) {
        long step = parks ? PARKING_CALL : CALL;
        long s = (long) STATE.getAndAdd(this, -step) - step;
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

    /** Lists a parked call, to be woken when the descriptor is ready or closed. */
    void addWaiter(FfmWait wait) {
        waiters.add(wait);
    }

    void removeWaiter(FfmWait wait) {
        waiters.remove(wait);
    }

    /** Unparks the waiters that asked for any of {@code ready} (epoll events). */
    void wake(int ready) {
        for (FfmWait wait : waiters) {
            wait.wakeIfReady(ready);
        }
    }

    void wakeAll() {
        for (FfmWait wait : waiters) {
            wait.wake();
        }
    }

    FfmPoller poller() {
        return poller;
    }

    void registeredWith(FfmPoller registered) {
        poller = registered;
    }

    boolean isNonBlocking() {
        return nonBlocking;
    }

    void markNonBlocking() {
        nonBlocking = true;
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
        boolean mayBeBlockedInKernel = (s & BLOCKING_CALLS) != 0;
        if (mayBeBlockedInKernel && socket) {
            // Wakes them; its error (ENOTCONN on some never-connected sockets) changes nothing.
            Libc.shutdown(FfmScratch.current().errno, fd, Linux.SHUT_RDWR);
        }
        // Parked virtual threads: each sees "closed" once unparked. One that lists itself after
        // this sweep sees it before it parks (FfmWait#park reads the state after listing itself).
        wakeAll();
        long after = (long) STATE.getAndAdd(this, -CALL) - CALL;
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
        long s = state;
        if ((s & CLOSED) != 0) {
            throw new ClosedChannelException();
        }
        if (s != 0 || !STATE.compareAndSet(this, 0L, CLOSED)) {
            throw new IllegalStateException("fd " + fd + " is in use by another thread");
        }
        return fd;
    }

    /** close(2), once; returns its errno, or 0. EINTR still closes the number on Linux: not retried. */
    private int closeNumber() {
        FfmPoller registered = poller;
        if (registered != null) {
            // Before close(2): the number may be reused at once, and must not be in epoll then.
            registered.deregister(this, fd);
        }
        FfmScratch scratch = FfmScratch.current();
        return Libc.close(scratch.errno, fd) == 0 ? 0 : scratch.errno();
    }
}
