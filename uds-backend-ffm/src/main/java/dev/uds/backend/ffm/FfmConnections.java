package dev.uds.backend.ffm;

import static dev.uds.linux.Linux.EINTR;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.uds.internal.Errors;
import dev.uds.linux.Connections;
import dev.uds.linux.Linux;
import dev.uds.linux.Options;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.TimeUnit;

/**
 * accept(2) for platform threads (blocking, an interrupt closing the socket) and virtual threads
 * (parking). socket(2) and socketpair(2) are the core's ({@link dev.uds.linux.LinuxBackend}), and
 * bind(2), listen(2), shutdown(2) and connect(2) with its retry too ({@link Connections}).
 */
final class FfmConnections {
    private FfmConnections() {
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
                Connections.setNonBlocking(socket, fd, true, FfmSyscalls.INSTANCE);
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
            long timeout = Options.timeoutNanos(socket, fd, Linux.SO_RCVTIMEO, scratch, FfmSyscalls.INSTANCE);
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
}
