package dev.uds.backend.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.uds.internal.Errors;
import dev.uds.linux.Linux;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The epoll instance and the platform daemon thread that wake virtual threads parked on a
 * descriptor ({@link FfmWait}), as the JDK's own poller does for its sockets.
 *
 * <p>A descriptor is added once, at the first park of a virtual thread on it, edge-triggered
 * for input, output and hang-up; it stays in until its number is closed. So a park costs no
 * {@code epoll_ctl(2)}, only the retry of the call after the waiter has listed itself (which
 * closes the window between the call's EAGAIN and the listing: an edge in that window is not
 * lost, the retry sees the data). Each event unparks the descriptor's waiters whose interest it
 * matches; they retry their call, so a spurious wake costs one EAGAIN.
 *
 * <p>One poller at a time, started by the first park; a daemon, so it never holds the JVM up.
 * If {@code epoll_wait} fails, or the thread dies, or {@link #shutdown()} is called, every
 * waiting call ends with an {@code IOException} that says so, and the next park starts a new
 * poller, with which descriptors register again.
 */
final class FfmPoller {
    private static final int MAX_EVENTS = 256;
    /** The eventfd's data in epoll: no descriptor number is negative. */
    private static final int WAKEUP = -1;
    /** What a descriptor is registered for; edge-triggered, so every new readiness is an event. */
    private static final int INTEREST = LibcStructs.EPOLLIN | LibcStructs.EPOLLOUT | LibcStructs.EPOLLRDHUP
            | LibcStructs.EPOLLET;

    /** A lock, not a monitor: a virtual thread waiting for it unmounts on every Java 22+. */
    private static final ReentrantLock STARTING = new ReentrantLock();
    private static volatile FfmPoller current;

    /** The epoll number, closed only when the poller thread and every epoll_ctl are done with it. */
    private final FfmDescriptor epoll;
    private final FfmDescriptor wakeup;
    private final ConcurrentHashMap<Integer, FfmDescriptor> registered = new ConcurrentHashMap<>();
    private final Thread thread;
    /** Why this poller no longer polls; null while it does. */
    private final AtomicReference<IOException> failure = new AtomicReference<>();

    private FfmPoller(int epfd, int eventfd) {
        this.epoll = new FfmDescriptor(epfd);
        this.wakeup = new FfmDescriptor(eventfd);
        this.thread = Thread.ofPlatform().daemon().name("uds-ffm-poller").unstarted(this::run);
    }

    /** The running poller, started if there is none or the last one failed or was shut down. */
    static FfmPoller current() throws IOException {
        FfmPoller poller = current;
        if (poller != null && poller.failure.get() == null) {
            return poller;
        }
        STARTING.lock();
        try {
            poller = current;
            if (poller == null || poller.failure.get() != null) {
                poller = start();
                current = poller;
            }
            return poller;
        } finally {
            STARTING.unlock();
        }
    }

    /** The running poller, or null: for tests and for shutdown, without starting one. */
    static FfmPoller running() {
        FfmPoller poller = current;
        return poller != null && poller.failure.get() == null ? poller : null;
    }

    private static FfmPoller start() throws IOException {
        FfmScratch scratch = FfmScratch.current();
        int epfd = LibcReadiness.epollCreate1(scratch.errno, LibcStructs.EPOLL_CLOEXEC);
        if (epfd < 0) {
            throw Errors.exception("epoll_create1", null, scratch.errno(), "the ffm poller of virtual threads");
        }
        int eventfd = LibcReadiness.eventfd(scratch.errno, 0, LibcStructs.EFD_CLOEXEC | LibcStructs.EFD_NONBLOCK);
        if (eventfd < 0) {
            IOException failure = Errors.exception("eventfd", null, scratch.errno(), "the ffm poller of virtual threads");
            Libc.close(scratch.errno, epfd);
            throw failure;
        }
        if (ctl(scratch, epfd, LibcStructs.EPOLL_CTL_ADD, eventfd, LibcStructs.EPOLLIN, WAKEUP) < 0) {
            IOException failure = Errors.exception("epoll_ctl EPOLL_CTL_ADD", "eventfd " + eventfd, scratch.errno());
            Libc.close(scratch.errno, eventfd);
            Libc.close(scratch.errno, epfd);
            throw failure;
        }
        FfmPoller poller = new FfmPoller(epfd, eventfd);
        poller.thread.start();
        return poller;
    }

    private static int ctl(FfmScratch scratch, int epfd, int op, int fd, int events, int data) {
        MemorySegment event = scratch.epollEvent;
        event.set(JAVA_INT, LibcStructs.EPOLL_EVENTS, events);
        // Zero all of epoll_data_t first: only its low 32 bits (the fd member) are ours.
        event.set(JAVA_LONG.withByteAlignment(1), LibcStructs.EPOLL_DATA, 0L);
        event.set(JAVA_INT, LibcStructs.EPOLL_DATA, data);
        return LibcReadiness.epollCtl(scratch.errno, epfd, op, fd, event);
    }

    /** Why waiting calls fail, or null while the poller runs. */
    IOException failure() {
        return failure.get();
    }

    /**
     * Adds {@code fd} to epoll unless it is in already. The caller holds {@code fd} in flight, so
     * its number cannot be closed (and deregistered) meanwhile.
     */
    void register(FfmDescriptor descriptor, int fd) throws IOException {
        if (descriptor.poller() == this) {
            return;
        }
        registered.put(fd, descriptor);
        int epfd;
        try {
            epfd = epoll.begin();
        } catch (ClosedChannelException e) {
            registered.remove(fd, descriptor);
            throw stopped();
        }
        try {
            FfmScratch scratch = FfmScratch.current();
            if (ctl(scratch, epfd, LibcStructs.EPOLL_CTL_ADD, fd, INTEREST, fd) < 0
                    && scratch.errno() != Linux.EEXIST) {
                registered.remove(fd, descriptor);
                throw Errors.exception("epoll_ctl EPOLL_CTL_ADD", "fd " + fd, scratch.errno(),
                        "to park a virtual thread on it");
            }
            descriptor.registeredWith(this);
        } finally {
            epoll.end();
        }
    }

    /** Takes {@code fd} out of epoll, before its number is closed. */
    void deregister(FfmDescriptor descriptor, int fd) {
        registered.remove(fd, descriptor);
        descriptor.registeredWith(null);
        int epfd;
        try {
            epfd = epoll.begin();
        } catch (ClosedChannelException stopped) {
            // This poller's epoll is gone, and the registration with it.
            return;
        }
        try {
            // Its error changes nothing: close(2) removes the number from epoll anyway, unless
            // the socket is open elsewhere too, and then an event for it finds no entry here.
            LibcReadiness.epollCtl(FfmScratch.current().errno, epfd, LibcStructs.EPOLL_CTL_DEL, fd, MemorySegment.NULL);
        } finally {
            epoll.end();
        }
    }

    /** Stops the poller: every parked call ends with an IOException, and the next park starts a new one. */
    void shutdown() {
        fail(new IllegalStateException("shut down"));
        signal();
    }

    private void signal() {
        int fd;
        try {
            fd = wakeup.begin();
        } catch (ClosedChannelException done) {
            // The poller thread has ended already: nothing to wake.
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocateFrom(JAVA_LONG, 1L); // the eventfd counter's increment
            FfmScratch scratch = FfmScratch.current();
            // EAGAIN (the counter full) means a wake is pending anyway: nothing else can fail here.
            Libc.write(scratch.errno, fd, one.address(), Long.BYTES);
        } finally {
            wakeup.end();
        }
    }

    /** Waits until the poller thread has ended and closed its descriptors (after {@link #shutdown()}). */
    void awaitTermination() throws InterruptedException {
        thread.join();
    }

    private IOException stopped() {
        IOException why = failure.get();
        return why != null ? why : new IOException("the ffm poller has stopped");
    }

    /** Records why the poller stops (the first reason wins), then wakes every waiter to see it. */
    private void fail(Throwable cause) {
        failure.compareAndSet(null, new IOException("the ffm poller of virtual threads stopped: " + cause, cause));
        for (FfmDescriptor descriptor : registered.values()) {
            descriptor.wakeAll();
        }
    }

    private void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment events = arena.allocate(LibcStructs.EPOLL_EVENT, MAX_EVENTS);
            long size = LibcStructs.EPOLL_EVENT.byteSize();
            FfmScratch scratch = FfmScratch.current();
            int epfd = epoll.begin();
            try {
                while (failure.get() == null) {
                    int n = LibcReadiness.epollWait(scratch.errno, epfd, events, MAX_EVENTS, -1);
                    if (n < 0) {
                        if (scratch.errno() == Linux.EINTR) {
                            continue;
                        }
                        throw Errors.exception("epoll_wait", "epoll fd " + epfd, scratch.errno());
                    }
                    for (int i = 0; i < n; i++) {
                        long at = i * size;
                        int data = events.get(JAVA_INT, at + LibcStructs.EPOLL_DATA);
                        if (data == WAKEUP) {
                            // Only shutdown() signals; failure is set by then, and the loop ends.
                            continue;
                        }
                        FfmDescriptor descriptor = registered.get(data);
                        if (descriptor != null) {
                            descriptor.wake(events.get(JAVA_INT, at + LibcStructs.EPOLL_EVENTS));
                        }
                    }
                }
            } finally {
                epoll.end();
            }
        } catch (Throwable t) {
            fail(t);
        } finally {
            // Whatever ended the loop, no waiter may be left parked on a poller that is gone.
            fail(new IllegalStateException("the poller thread ended"));
            closeQuietly(epoll);
            closeQuietly(wakeup);
        }
    }

    private static void closeQuietly(FfmDescriptor descriptor) {
        try {
            descriptor.close();
        } catch (IOException e) {
            // A close(2) of an epoll or eventfd fails only for a bad number, which would be a bug
            // here; the poller is stopping and its waiters are told already. Say it, once.
            System.getLogger(FfmPoller.class.getName()).log(System.Logger.Level.WARNING,
                    "closing the ffm poller's descriptor failed", e);
        }
    }

    @Override
    public String toString() {
        return "ffm poller (epoll fd " + epoll.number() + ", " + registered.size() + " descriptors)";
    }
}
