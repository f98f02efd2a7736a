package dev.uds.linux;

import dev.uds.UnixAddress;
import dev.uds.internal.Errors;
import dev.uds.internal.ListenBacklog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.locks.LockSupport;

/**
 * The calls that make connections and end them, on every native backend: {@code bind(2)},
 * {@code listen(2)}, {@code shutdown(2)}, and {@code connect(2)} with its retry. Accepting stays
 * with each backend: how a thread waits for a connection is what differs (ffm parks virtual
 * threads on a non-blocking listener).
 *
 * <p>{@code connect(2)} is made with the socket {@code O_NONBLOCK} for the call only, so that
 * other calls and other threads keep the blocking socket. AF_UNIX connects at once or fails with
 * EAGAIN when the listener's backlog is full, and a blocking {@code connect(2)} waiting there is
 * woken by nothing: neither {@code shutdown(2)}, which wakes every other call on close, nor an
 * interrupt. So on EAGAIN the call is retried after pauses
 * ({@link InterruptibleSocket#WAIT_RETRY}) that a close or an interrupt cut short, bounded by
 * {@code SO_SNDTIMEO} as the blocking {@code connect(2)} is; platform and virtual threads alike.
 */
public final class Connections {
    private Connections() {
    }

    /**
     * {@code bind(2)}; the caller holds {@code fd}.
     *
     * @param socket  the socket
     * @param fd      its descriptor
     * @param address where
     * @param scratch the thread's scratch
     * @param calls   the backend's binding
     * @throws IOException if the call failed, naming the address
     */
    public static void bind(InterruptibleSocket socket, int fd, UnixAddress address, Scratch scratch, Syscalls calls)
            throws IOException {
        int length = Sockaddr.encode(address, scratch.structs, Scratch.SOCKADDR);
        int result = calls.bind(scratch, fd, scratch.structsAddress + Scratch.SOCKADDR, length);
        if (result < 0) {
            IOException closed = socket.descriptor().closedMeanwhile();
            throw closed != null ? closed : Errors.exception("bind", address, -result);
        }
    }

    /**
     * {@code listen(2)}; the caller holds {@code fd}.
     *
     * @param socket  the socket
     * @param fd      its descriptor
     * @param backlog the backlog
     * @param calls   the backend's binding
     * @throws IOException if the call failed
     */
    public static void listen(InterruptibleSocket socket, int fd, int backlog, Syscalls calls) throws IOException {
        int result = calls.listen(fd, ListenBacklog.checked(backlog));
        if (result < 0) {
            throw Transfer.failure(socket, "listen", -result);
        }
    }

    /**
     * {@code shutdown(2)} of one side; the caller holds {@code fd}.
     *
     * @param socket the socket
     * @param fd     its descriptor
     * @param how    {@link Linux#SHUT_RD} or {@link Linux#SHUT_WR}
     * @param call   what errors name
     * @param calls  the backend's binding
     * @throws IOException if the call failed
     */
    public static void shutdown(InterruptibleSocket socket, int fd, int how, String call, Syscalls calls)
            throws IOException {
        int errno = calls.shutdown(fd, how);
        if (errno != 0) {
            throw Transfer.failure(socket, call, errno);
        }
    }

    /**
     * {@code connect(2)} and its retry (see the class comment); the caller holds {@code fd}.
     *
     * @param socket  the socket
     * @param fd      its descriptor
     * @param address where
     * @param scratch the thread's scratch; the sockaddr stays in it while the thread pauses
     * @param calls   the backend's binding
     * @throws IOException if the connect failed or timed out, naming the address
     */
    public static void connect(InterruptibleSocket socket, int fd, UnixAddress address, Scratch scratch,
            Syscalls calls) throws IOException {
        int length = Sockaddr.encode(address, scratch.structs, Scratch.SOCKADDR);
        long name = scratch.structsAddress + Scratch.SOCKADDR;
        setNonBlocking(socket, fd, true, calls);
        Object wait = null;
        IOException failed = null;
        try {
            while (true) {
                int result = calls.connect(scratch, fd, name, length);
                if (result == 0) {
                    break;
                }
                if (result == -Linux.EAGAIN) {
                    wait = socket.awaitReady(wait, fd, InterruptibleSocket.WAIT_RETRY, "connect", address);
                    continue;
                }
                IOException closed = socket.descriptor().closedMeanwhile();
                throw closed != null ? closed : Errors.exception("connect", address, -result);
            }
        } catch (IOException e) {
            failed = e;
            throw e;
        } finally {
            if (wait != null) {
                socket.finishWait(wait);
            }
            if (!socket.descriptor().isClosed()) {
                try {
                    setNonBlocking(socket, fd, false, calls);
                } catch (IOException e) {
                    // A socket left non-blocking would fail its blocking calls with EAGAIN: that
                    // must not pass unnoticed.
                    if (failed == null) {
                        throw e;
                    }
                    failed.addSuppressed(e);
                }
            }
        }
    }

    /**
     * Turns {@code O_NONBLOCK} on or off with {@code fcntl(2)}.
     *
     * @param socket the socket
     * @param fd     its descriptor
     * @param on     on or off
     * @param calls  the backend's binding
     * @throws IOException if a call failed
     */
    public static void setNonBlocking(InterruptibleSocket socket, int fd, boolean on, Syscalls calls)
            throws IOException {
        int flags = calls.fcntl(fd, Linux.F_GETFL, 0);
        if (flags < 0) {
            throw Transfer.failure(socket, "fcntl F_GETFL", -flags);
        }
        int wanted = on ? flags | Linux.O_NONBLOCK : flags & ~Linux.O_NONBLOCK;
        int result = wanted == flags ? 0 : calls.fcntl(fd, Linux.F_SETFL, wanted);
        if (result < 0) {
            throw Transfer.failure(socket, on ? "fcntl F_SETFL O_NONBLOCK" : "fcntl F_SETFL ~O_NONBLOCK", -result);
        }
    }

    /**
     * The pauses of a thread that blocks rather than parks ({@link InterruptibleSocket}'s own
     * {@code awaitReady}), between tries of a call that no readiness announces: from
     * {@link #FIRST_PAUSE} doubling to {@link #LONGEST_PAUSE}, bounded by {@code SO_SNDTIMEO}.
     * An interrupt unparks the thread and ends the call; a close is seen at the next try.
     */
    static final class Pauses {
        static final long FIRST_PAUSE = 500_000;
        static final long LONGEST_PAUSE = 50_000_000;
        private final long deadline;
        private long pause = FIRST_PAUSE;

        Pauses(long timeoutNanos) {
            this.deadline = timeoutNanos == 0 ? 0 : System.nanoTime() + timeoutNanos;
        }

        /** The timeout as {@code SO_SNDTIMEO} sets it, 0 for none. */
        static long sendTimeout(InterruptibleSocket socket, int fd) throws IOException {
            ByteBuffer value = ByteBuffer.allocateDirect(Structs.TIMEVAL_SIZE).order(ByteOrder.nativeOrder());
            int length = socket.descriptor().calls().getsockopt(fd, Linux.SO_SNDTIMEO, value);
            if (length < 0) {
                throw Transfer.failure(socket, "getsockopt SO_SNDTIMEO", -length);
            }
            return SocketOptions.timeoutNanos(value, 0);
        }

        void pause(InterruptibleSocket socket, String call, Object target) throws IOException {
            long nanos = pause;
            if (deadline != 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw Errors.exception(call, target, Linux.EAGAIN);
                }
                nanos = Math.min(nanos, remaining);
            }
            LockSupport.parkNanos(nanos);
            pause = Math.min(pause * 2, LONGEST_PAUSE);
            socket.checkInterrupt();
            AsynchronousCloseException closed = socket.descriptor().closedMeanwhile();
            if (closed != null) {
                throw closed;
            }
        }
    }
}
