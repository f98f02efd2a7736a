package dev.uds.backend.ffm;

import dev.uds.internal.Errors;
import dev.uds.linux.Linux;
import dev.uds.linux.Options;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One call of a virtual thread that got EAGAIN, parked until its descriptor is ready; or a
 * connect of any thread to a full backlog ({@link #RETRY}), paused between tries.
 *
 * <p>The calling loop: try the non-blocking call; at the first EAGAIN, {@link #after} lists the
 * wait on the descriptor and registers the descriptor with the {@link FfmPoller}, without
 * parking, and the call is tried again: readiness that came between the EAGAIN and the listing
 * is seen by that retry, and readiness after it unparks us (an unpark before the park is kept as
 * the thread's permit). At each later EAGAIN the thread parks, then tries again. The call ends
 * with {@link #finish()}, which unlists it.
 *
 * <p>As a blocking {@code SocketChannel} on a virtual thread: the socket's timeout
 * ({@code SO_RCVTIMEO} or {@code SO_SNDTIMEO}, read when the first wait starts) bounds the wait
 * and then the call fails with the timeout exception of a platform thread's call; a close from
 * another thread ends it with {@link AsynchronousCloseException}; an interrupt closes the socket
 * and ends it with {@link ClosedByInterruptException}, the interrupt status kept.
 */
final class FfmWait {
    /** Interest of a receive or accept. */
    static final int READ = LibcStructs.EPOLLIN | LibcStructs.EPOLLRDHUP | LibcStructs.EPOLLHUP | LibcStructs.EPOLLERR;
    /** Interest of a send. */
    static final int WRITE = LibcStructs.EPOLLOUT | LibcStructs.EPOLLHUP | LibcStructs.EPOLLERR;
    /**
     * No readiness to wait for: a connect to a listener whose backlog is full. Nothing on the
     * connecting socket tells when the listener accepts, so the call is retried after pauses
     * that double from {@link #FIRST_PAUSE} to {@link #LONGEST_PAUSE}: no busy loop, and a
     * close or interrupt still wakes it at once.
     */
    static final int RETRY = 0;
    private static final long FIRST_PAUSE = TimeUnit.MICROSECONDS.toNanos(500);
    private static final long LONGEST_PAUSE = TimeUnit.MILLISECONDS.toNanos(50);
    /** Calls listed now, parked or about to park: for tests and diagnostics. */
    private static final AtomicInteger WAITING = new AtomicInteger();

    private final FfmUnixSocket socket;
    private final FfmDescriptor descriptor;
    private final int events;
    private final String call;
    private final Object target;
    private final Thread thread = Thread.currentThread();
    /** The poller that wakes us; null for {@link #RETRY}. */
    private final FfmPoller poller;
    /** System.nanoTime() when the timeout expires; meaningful only if {@link #timed}. */
    private final long deadline;
    private final boolean timed;
    private long pause = FIRST_PAUSE;

    private FfmWait(FfmUnixSocket socket, int events, String call, Object target, FfmPoller poller, long timeout) {
        this.socket = socket;
        this.descriptor = socket.descriptor();
        this.events = events;
        this.call = call;
        this.target = target;
        this.poller = poller;
        this.timed = timeout > 0;
        this.deadline = System.nanoTime() + timeout;
    }

    /**
     * After an EAGAIN of a virtual thread's call: the first time ({@code wait} null), lists the
     * call and returns at once; later, parks until the descriptor is ready.
     *
     * @param timeoutOption {@code SO_RCVTIMEO} or {@code SO_SNDTIMEO}: the one that bounds the call
     * @return the wait, to pass to the next call of this method and to {@link #finish()} at the end
     * @throws IOException the timeout, {@link AsynchronousCloseException}, {@link ClosedByInterruptException},
     *                     or the poller's failure
     */
    static FfmWait after(FfmWait wait, FfmUnixSocket socket, int fd, int events, int timeoutOption,
            String call, Object target) throws IOException {
        if (wait != null) {
            wait.park();
            return wait;
        }
        long timeout = Options.timeoutNanos(socket, fd, timeoutOption, FfmScratch.current(), FfmSyscalls.INSTANCE);
        FfmPoller poller = null;
        if (events != RETRY) {
            poller = FfmPoller.current();
            poller.register(socket.descriptor(), fd);
        }
        FfmWait started = new FfmWait(socket, events, call, target, poller, timeout);
        socket.descriptor().addWaiter(started);
        WAITING.incrementAndGet();
        return started;
    }

    /** Unlists the call; in a finally block around every call that may have waited. */
    static void finish(FfmWait wait) {
        if (wait != null) {
            wait.descriptor.removeWaiter(wait);
            WAITING.decrementAndGet();
        }
    }

    /** How many calls of virtual threads wait now (listed, parked or about to park). */
    static int waiting() {
        return WAITING.get();
    }

    private void park() throws IOException {
        // The thread's borrowed copy buffer goes back to the pool while it sleeps.
        FfmScratch.current().releaseCopy();
        check();
        long nanos = Long.MAX_VALUE;
        if (events == RETRY) {
            nanos = pause;
            pause = Math.min(pause * 2, LONGEST_PAUSE);
        }
        if (timed) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw Errors.exception(call, target, Linux.EAGAIN);
            }
            nanos = Math.min(nanos, remaining);
        }
        if (nanos == Long.MAX_VALUE) {
            LockSupport.park(this);
        } else {
            LockSupport.parkNanos(this, nanos);
        }
        check();
    }

    /** What ends the wait other than readiness: an interrupt, a close, the poller's failure. */
    private void check() throws IOException {
        if (thread.isInterrupted()) {
            throw socket.closeForInterrupt();
        }
        if (descriptor.isClosed()) {
            throw new AsynchronousCloseException();
        }
        IOException failure = poller == null ? null : poller.failure();
        if (failure != null) {
            IOException e = Errors.exception(call, target, 0, "the poller that parks virtual threads stopped");
            e.initCause(failure);
            throw e;
        }
    }

    /** From the poller: unparks the thread if {@code ready} has an event it waits for. */
    void wakeIfReady(int ready) {
        if ((ready & events) != 0) {
            LockSupport.unpark(thread);
        }
    }

    /** From close or a failing poller: unparks the thread, which then sees why. */
    void wake() {
        LockSupport.unpark(thread);
    }
}
