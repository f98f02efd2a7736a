package dev.uds.backend.jnr;

import dev.uds.UnixAddress;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.internal.Errors;
import dev.uds.internal.ListenBacklog;
import dev.uds.linux.Linux;
import dev.uds.linux.Sockaddr;
import dev.uds.linux.SocketOptions;
import dev.uds.linux.Structs;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The calls that make connections and end them: bind(2), listen(2), accept(2), shutdown(2), and
 * connect(2).
 *
 * <p>connect(2) is made with the socket O_NONBLOCK for the call only. AF_UNIX connects at once or fails
 * with EAGAIN when the listener's backlog is full, and a blocking connect(2) waiting there is
 * woken by nothing: neither shutdown(2), which wakes every other call on close, nor an interrupt.
 * So on EAGAIN the call is retried after pauses of 0.5 ms doubling to 50 ms, which an interrupt
 * (it unparks the thread) or a close (seen at the next try) cut short, bounded by SO_SNDTIMEO as
 * the blocking connect(2) is.
 */
final class JnrConnections {
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 0x800;
    private static final long FIRST_PAUSE = TimeUnit.MICROSECONDS.toNanos(500);
    private static final long LONGEST_PAUSE = TimeUnit.MILLISECONDS.toNanos(50);

    private JnrConnections() {
    }

    /** bind(2); the caller holds {@code fd}. */
    static void bind(JnrUnixSocket socket, int fd, UnixAddress address) throws IOException {
        JnrScratch scratch = JnrScratch.get();
        int length = Sockaddr.encode(address, scratch.structs, scratch.sockaddrOffset());
        if (JnrLibc.C.bind(fd, scratch.sockaddr(), length) < 0) {
            throw socket.failure("bind", address, JnrLibc.errno());
        }
    }

    /** listen(2); the caller holds {@code fd}. */
    static void listen(JnrUnixSocket socket, int fd, int backlog) throws IOException {
        if (JnrLibc.C.listen(fd, ListenBacklog.checked(backlog)) < 0) {
            throw socket.failure("listen", JnrLibc.errno());
        }
    }

    /** accept(2), blocking, the socket accepted close-on-exec; the caller holds {@code fd}. */
    static JnrUnixSocket accept(JnrUnixSocket socket, int fd) throws IOException {
        int accepted;
        do {
            socket.enterBlocking();
            accepted = -1;
            try {
                accepted = JnrLibc.C.accept4(fd, 0, 0, Linux.SOCK_CLOEXEC);
            } finally {
                socket.leaveBlocking(accepted >= 0);
            }
        } while (accepted < 0 && socket.retry(JnrLibc.errno()));
        if (accepted < 0) {
            throw socket.failure("accept", JnrLibc.errno());
        }
        return new JnrUnixSocket(accepted, socket.type(), socket.label());
    }

    /** shutdown(2) of one side ({@code how}), {@code call} naming it; the caller holds {@code fd}. */
    static void shutdown(JnrUnixSocket socket, int fd, int how, String call) throws IOException {
        if (JnrLibc.C.shutdown(fd, how) < 0) {
            throw socket.failure(call, JnrLibc.errno());
        }
    }

    /** Connects; the caller holds {@code fd} and wrote the sockaddr of {@code length} bytes. */
    static void connect(JnrUnixSocket socket, int fd, UnixAddress address, int length) throws IOException {
        JnrScratch scratch = JnrScratch.get();
        int flags = JnrLibc.C.fcntl(fd, F_GETFL, 0);
        if (flags < 0 || JnrLibc.C.fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
            throw socket.failure("fcntl O_NONBLOCK", address, JnrLibc.errno());
        }
        IOException failed = null;
        try {
            long deadline = 0;
            long pause = FIRST_PAUSE;
            while (JnrLibc.C.connect(fd, scratch.sockaddr(), length) < 0) {
                int errno = JnrLibc.errno();
                if (errno != Linux.EAGAIN) {
                    throw socket.failure("connect", address, errno);
                }
                if (deadline == 0) {
                    long timeout = sendTimeoutNanos(socket, fd, scratch);
                    deadline = timeout == 0 ? -1 : System.nanoTime() + timeout;
                }
                long nanos = pause;
                if (deadline != -1) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        throw Errors.exception("connect", address, Linux.EAGAIN);
                    }
                    nanos = Math.min(nanos, remaining);
                }
                LockSupport.parkNanos(nanos);
                pause = Math.min(pause * 2, LONGEST_PAUSE);
                if (Thread.currentThread().isInterrupted()) {
                    throw socket.closeForInterrupt();
                }
                socket.throwIfClosedMeanwhile();
            }
        } catch (IOException e) {
            failed = e;
            throw e;
        } finally {
            // A socket left non-blocking would fail later calls with EAGAIN: that must not pass unnoticed.
            if (!socket.descriptor().isClosed() && JnrLibc.C.fcntl(fd, F_SETFL, flags) < 0) {
                IOException e = Errors.exception("fcntl ~O_NONBLOCK", address, JnrLibc.errno());
                if (failed == null) {
                    throw e;
                }
                failed.addSuppressed(e);
            }
        }
    }

    private static long sendTimeoutNanos(JnrUnixSocket socket, int fd, JnrScratch scratch) throws IOException {
        scratch.setLength(Structs.TIMEVAL_SIZE);
        if (JnrLibc.C.getsockopt(fd, Linux.SOL_SOCKET, Linux.SO_SNDTIMEO, scratch.value(), scratch.length()) < 0) {
            throw socket.failure("getsockopt SO_SNDTIMEO", JnrLibc.errno());
        }
        return SocketOptions.timeoutNanos(scratch.structs, scratch.valueOffset());
    }
}
