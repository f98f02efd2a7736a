package dev.uds.backend.ffm;

import dev.uds.linux.Descriptor;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The core's {@link Descriptor}, with what this backend adds: the virtual threads parked on it
 * ({@link FfmWait}s), woken by close, and its registration with the {@link FfmPoller}, dropped
 * just before the number is closed.
 *
 * <p>Virtual threads never block in the kernel here: their calls park in {@link FfmPoller}
 * instead ({@link Descriptor#begin(boolean) begin(true)}), so {@code close()} issues
 * {@code shutdown(2)} only when a platform thread's call is in flight, and a socket shared with
 * another process is left alone when only virtual threads were waiting on it.
 */
final class FfmDescriptor extends Descriptor {
    /** The virtual threads parked until this descriptor is ready, or woken by close. */
    private final ConcurrentLinkedQueue<FfmWait> waiters = new ConcurrentLinkedQueue<>();
    /** The poller this number is registered with, if any; only calls in flight change it. */
    private volatile FfmPoller poller;
    /** Set once O_NONBLOCK is on (a listening socket a virtual thread accepted on). */
    private volatile boolean nonBlocking;

    FfmDescriptor(int fd) {
        super(fd, FfmSyscalls.INSTANCE);
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

    @Override
    protected void wakeParked() {
        wakeAll();
    }

    @Override
    protected void beforeCloseNumber() {
        FfmPoller registered = poller;
        if (registered != null) {
            // Before close(2): the number may be reused at once, and must not be in epoll then.
            registered.deregister(this, number());
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
}
