package dev.uds.backend.ffm;

import static dev.uds.linux.Linux.EINTR;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.internal.Errors;
import dev.uds.internal.ListenBacklog;
import dev.uds.linux.Linux;
import dev.uds.linux.Sockaddr;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.TimeUnit;

/**
 * The calls that make sockets and connections and end them: socket(2), socketpair(2), bind(2),
 * listen(2), shutdown(2), and accept(2) and connect(2) for platform threads (blocking, an
 * interrupt closing the socket) and virtual threads (parking); connect retries after pauses on
 * both.
 */
final class FfmConnections {
    private FfmConnections() {
    }

    static FfmUnixSocket open(SocketType type) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        int fd = Libc.socket(scratch.errno, Linux.AF_UNIX, Linux.socketType(type) | Linux.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw Errors.exception("socket", type, scratch.errno());
        }
        return new FfmUnixSocket(fd, type, UnixAddress.unnamed());
    }

    static SocketPair pair(SocketType type) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        MemorySegment fds = scratch.fdPair;
        if (Libc.socketpair(scratch.errno, Linux.AF_UNIX, Linux.socketType(type) | Linux.SOCK_CLOEXEC, 0, fds) < 0) {
            throw Errors.exception("socketpair", type, scratch.errno());
        }
        int first = fds.getAtIndex(JAVA_INT, 0);
        int second = fds.getAtIndex(JAVA_INT, 1);
        return new SocketPair(new FfmUnixSocket(first, type, "(socketpair)"),
                new FfmUnixSocket(second, type, "(socketpair)"));
    }

    /** bind(2); the caller holds {@code fd}. */
    static void bind(FfmUnixSocket socket, int fd, UnixAddress address) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        int length = Sockaddr.encode(address, scratch.sockaddrBuffer, 0);
        if (Libc.bind(scratch.errno, fd, scratch.sockaddr, length) < 0) {
            IOException closed = socket.descriptor().closedMeanwhile();
            throw closed != null ? closed : Errors.exception("bind", address, scratch.errno());
        }
    }

    /** listen(2); the caller holds {@code fd}. */
    static void listen(FfmUnixSocket socket, int fd, int backlog) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        if (Libc.listen(scratch.errno, fd, ListenBacklog.checked(backlog)) < 0) {
            throw socket.failure("listen", scratch.errno());
        }
    }

    /** shutdown(2) of one side ({@code how}), {@code call} naming it; the caller holds {@code fd}. */
    static void shutdown(FfmUnixSocket socket, int fd, int how, String call) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        if (Libc.shutdown(scratch.errno, fd, how) < 0) {
            throw socket.failure(call, scratch.errno());
        }
    }

    /**
     * accept(2). A virtual thread makes the listening socket O_NONBLOCK, once and for good
     * (accept4 has no per-call flag), and parks on EAGAIN; a platform thread that then finds it
     * non-blocking waits in poll(2), bounded by SO_RCVTIMEO, as its accept(2) would have been.
     * The caller holds {@code fd}.
     */
    static FfmUnixSocket accept(FfmUnixSocket socket, int fd, boolean virtual) throws IOException {
        FfmDescriptor descriptor = socket.descriptor();
        FfmWait wait = null;
        try {
            FfmScratch scratch = FfmScratch.current();
            if (virtual && !descriptor.isNonBlocking()) {
                setNonBlocking(socket, scratch, fd, true);
                descriptor.markNonBlocking();
            }
            long deadline = 0;
            while (true) {
                int accepted;
                if (virtual) {
                    accepted = Libc.accept4(scratch.errno, fd, MemorySegment.NULL, MemorySegment.NULL, Linux.SOCK_CLOEXEC);
                } else {
                    socket.enterBlocking();
                    accepted = -1;
                    try {
                        accepted = Libc.accept4(scratch.errno, fd, MemorySegment.NULL, MemorySegment.NULL,
                                Linux.SOCK_CLOEXEC);
                    } finally {
                        socket.leaveBlocking(accepted >= 0);
                    }
                }
                if (accepted >= 0) {
                    return new FfmUnixSocket(accepted, socket.type(), socket.label());
                }
                int errno = scratch.errno();
                if (errno == EINTR && !descriptor.isClosed()) {
                    continue;
                }
                if (errno == Linux.EAGAIN && virtual) {
                    wait = FfmWait.after(wait, socket, fd, FfmWait.READ, Linux.SO_RCVTIMEO, "accept", socket.label());
                    continue;
                }
                if (errno == Linux.EAGAIN && descriptor.isNonBlocking()) {
                    deadline = pollReadable(socket, scratch, fd, deadline);
                    continue;
                }
                throw socket.failure("accept", errno);
            }
        } finally {
            FfmWait.finish(wait);
        }
    }

    /**
     * A platform thread's wait for a non-blocking listening socket: poll(2) until readable, or
     * until SO_RCVTIMEO from the first wait ({@code deadline} 0: not yet read).
     *
     * @return the deadline in System.nanoTime(), or -1 for none
     */
    private static long pollReadable(FfmUnixSocket socket, FfmScratch scratch, int fd, long deadline) throws IOException {
        if (deadline == 0) {
            long timeout = FfmOptions.timeoutNanos(socket, fd, Linux.SO_RCVTIMEO);
            deadline = timeout == 0 ? -1 : System.nanoTime() + timeout;
        }
        int millis = -1;
        if (deadline != -1) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw Errors.exception("accept", socket.label(), Linux.EAGAIN);
            }
            millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
        }
        MemorySegment pollfd = scratch.pollfd;
        pollfd.set(JAVA_INT, LibcStructs.POLL_FD, fd);
        pollfd.set(JAVA_SHORT, LibcStructs.POLL_EVENTS, Linux.POLLIN);
        pollfd.set(JAVA_SHORT, LibcStructs.POLL_REVENTS, (short) 0);
        socket.enterBlocking();
        int result = -1;
        try {
            result = LibcReadiness.poll(scratch.errno, pollfd, 1, millis);
        } finally {
            socket.leaveBlocking(result >= 0);
        }
        if (result < 0 && scratch.errno() != EINTR) {
            throw socket.failure("poll", scratch.errno());
        }
        if (socket.descriptor().isClosed()) {
            throw new AsynchronousCloseException();
        }
        return deadline;
    }

    /** Turns O_NONBLOCK on or off with fcntl(2). */
    private static void setNonBlocking(FfmUnixSocket socket, FfmScratch scratch, int fd, boolean on) throws IOException {
        int flags = LibcReadiness.fcntl(scratch.errno, fd, LibcStructs.F_GETFL, 0);
        if (flags < 0) {
            throw socket.failure("fcntl F_GETFL", scratch.errno());
        }
        int wanted = on ? flags | LibcStructs.O_NONBLOCK : flags & ~LibcStructs.O_NONBLOCK;
        if (wanted != flags && LibcReadiness.fcntl(scratch.errno, fd, LibcStructs.F_SETFL, wanted) < 0) {
            throw socket.failure(on ? "fcntl F_SETFL O_NONBLOCK" : "fcntl F_SETFL ~O_NONBLOCK", scratch.errno());
        }
    }

    /**
     * connect(2), with the socket O_NONBLOCK for the call only (so that other calls and other
     * threads keep the blocking socket). AF_UNIX connects at once or fails with EAGAIN when the
     * listener's backlog is full, and a blocking connect(2) waiting there is woken by nothing
     * (neither shutdown(2) nor an interrupt could end it); so on EAGAIN the call is retried after
     * pauses ({@link FfmWait#RETRY}) that a close or an interrupt cut short, bounded by
     * SO_SNDTIMEO as the blocking connect(2) is. Platform and virtual threads alike; the caller
     * holds {@code fd}.
     */
    static void connect(FfmUnixSocket socket, int fd, UnixAddress address) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        int length = Sockaddr.encode(address, scratch.sockaddrBuffer, 0);
        FfmDescriptor descriptor = socket.descriptor();
        setNonBlocking(socket, scratch, fd, true);
        FfmWait wait = null;
        IOException failed = null;
        try {
            while (true) {
                // The sockaddr stays in this thread's own scratch while it pauses.
                if (Libc.connect(scratch.errno, fd, scratch.sockaddr, length) == 0) {
                    break;
                }
                int errno = scratch.errno();
                if (errno == Linux.EAGAIN) {
                    wait = FfmWait.after(wait, socket, fd, FfmWait.RETRY, Linux.SO_SNDTIMEO, "connect", address);
                    continue;
                }
                IOException closed = descriptor.closedMeanwhile();
                throw closed != null ? closed : Errors.exception("connect", address, errno);
            }
        } catch (IOException e) {
            failed = e;
            throw e;
        } finally {
            FfmWait.finish(wait);
            if (!descriptor.isClosed()) {
                try {
                    setNonBlocking(socket, scratch, fd, false);
                } catch (IOException e) {
                    // A socket left non-blocking would fail its platform threads' calls with
                    // EAGAIN: that must not pass unnoticed.
                    if (failed == null) {
                        throw e;
                    }
                    failed.addSuppressed(e);
                }
            }
        }
    }
}
