package dev.uds.linux;

import dev.uds.PeerCredentials;
import dev.uds.UnixAddress;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Socket options through {@code getsockopt(2)} and {@code setsockopt(2)} on every native backend:
 * the calls here, each option's level, name, codec and range in the {@link SocketOptions} table.
 * And the socket's other queries: the peer's credentials ({@code SO_PEERCRED}, by the rule of
 * {@link Ucred#peer}), its addresses ({@code getsockname(2)}, {@code getpeername(2)}) and the
 * bytes waiting ({@code ioctl(SIOCINQ)}). The values live in the thread's scratch
 * ({@link Scratch#VALUE}, {@link Scratch#SOCKADDR}). The caller holds {@code fd} and has checked
 * the option's capability.
 */
public final class Options {
    private Options() {
    }

    /**
     * {@code setsockopt(2)} of an option of the table.
     *
     * @param socket  the socket
     * @param fd      its descriptor
     * @param option  the option
     * @param value   its value, checked by the table's codec
     * @param scratch the thread's scratch
     * @param calls   the backend's binding
     * @param <T>     the value's type
     * @throws IOException if the call failed
     */
    public static <T> void set(InterruptibleSocket socket, int fd, UnixSocketOption<T> option, T value,
            Scratch scratch, Syscalls calls) throws IOException {
        SocketOptions.Row row = SocketOptions.row(option);
        int length = SocketOptions.encode(option, value, scratch.structs, Scratch.VALUE);
        int result = calls.setsockopt(scratch, fd, row.level(), row.name(), scratch.structsAddress + Scratch.VALUE,
                length);
        if (result < 0) {
            throw Transfer.failure(socket, "setsockopt " + option.name(), -result);
        }
    }

    /**
     * {@code getsockopt(2)} of an option of the table.
     *
     * @param socket  the socket
     * @param fd      its descriptor
     * @param option  the option
     * @param scratch the thread's scratch
     * @param calls   the backend's binding
     * @param <T>     the value's type
     * @return the value
     * @throws IOException if the call failed
     */
    public static <T> T get(InterruptibleSocket socket, int fd, UnixSocketOption<T> option, Scratch scratch,
            Syscalls calls) throws IOException {
        SocketOptions.Row row = SocketOptions.row(option);
        getsockopt(socket, fd, row.level(), row.name(), row.codec().size(), "getsockopt " + option.name(), scratch,
                calls);
        return SocketOptions.decode(option, scratch.structs, Scratch.VALUE);
    }

    /**
     * {@code SO_PEERCRED}, read by the core's rule ({@link Ucred#peer}): no peer is ENOTCONN.
     *
     * @param socket  the socket
     * @param fd      its descriptor
     * @param scratch the thread's scratch
     * @param calls   the backend's binding
     * @return the peer's credentials
     * @throws IOException if the call failed, or there is no peer
     */
    public static PeerCredentials peerCredentials(InterruptibleSocket socket, int fd, Scratch scratch,
            Syscalls calls) throws IOException {
        getsockopt(socket, fd, Linux.SOL_SOCKET, Linux.SO_PEERCRED, Structs.UCRED_SIZE, "getsockopt SO_PEERCRED",
                scratch, calls);
        return Ucred.peer(scratch.structs, Scratch.VALUE).orElseThrow(() -> LinuxErrors.noPeer(socket.label()));
    }

    /**
     * {@code SO_RCVTIMEO} or {@code SO_SNDTIMEO} in nanoseconds, 0 for none: what bounds a
     * parked call, whose non-blocking system calls the kernel never times out.
     *
     * @param socket  the socket
     * @param fd      its descriptor
     * @param name    {@link Linux#SO_RCVTIMEO} or {@link Linux#SO_SNDTIMEO}
     * @param scratch the thread's scratch
     * @param calls   the backend's binding
     * @return the nanoseconds
     * @throws IOException if the call failed
     */
    public static long timeoutNanos(InterruptibleSocket socket, int fd, int name, Scratch scratch, Syscalls calls)
            throws IOException {
        getsockopt(socket, fd, Linux.SOL_SOCKET, name, Structs.TIMEVAL_SIZE,
                name == Linux.SO_RCVTIMEO ? "getsockopt SO_RCVTIMEO" : "getsockopt SO_SNDTIMEO", scratch, calls);
        return SocketOptions.timeoutNanos(scratch.structs, Scratch.VALUE);
    }

    private static void getsockopt(InterruptibleSocket socket, int fd, int level, int name, int size, String call,
            Scratch scratch, Syscalls calls) throws IOException {
        scratch.structs.putInt(Scratch.LENGTH, size);
        int result = calls.getsockopt(scratch, fd, level, name, scratch.structsAddress + Scratch.VALUE,
                scratch.structsAddress + Scratch.LENGTH);
        if (result < 0) {
            throw Transfer.failure(socket, call, -result);
        }
    }

    /**
     * {@code getsockname(2)}, or {@code getpeername(2)} if {@code peer}.
     *
     * @param socket  the socket
     * @param fd      its descriptor
     * @param peer    the peer's address rather than the socket's own
     * @param scratch the thread's scratch
     * @param calls   the backend's binding
     * @return the address
     * @throws IOException if the call failed, or the kernel's address cannot be read (ENAMETOOLONG)
     */
    public static UnixAddress address(InterruptibleSocket socket, int fd, boolean peer, Scratch scratch,
            Syscalls calls) throws IOException {
        ByteBuffer structs = scratch.structs;
        structs.putInt(Scratch.LENGTH, Structs.SOCKADDR_UN_SIZE);
        long name = scratch.structsAddress + Scratch.SOCKADDR;
        long length = scratch.structsAddress + Scratch.LENGTH;
        int result = peer ? calls.getpeername(scratch, fd, name, length) : calls.getsockname(scratch, fd, name, length);
        if (result < 0) {
            throw Transfer.failure(socket, peer ? "getpeername" : "getsockname", -result);
        }
        return Sockaddr.decode(structs, Scratch.SOCKADDR, structs.getInt(Scratch.LENGTH));
    }

    /**
     * The bytes waiting to be read, {@code ioctl(SIOCINQ)}.
     *
     * @param socket  the socket
     * @param fd      its descriptor
     * @param scratch the thread's scratch
     * @param calls   the backend's binding
     * @return the bytes
     * @throws IOException if the call failed
     */
    public static int available(InterruptibleSocket socket, int fd, Scratch scratch, Syscalls calls)
            throws IOException {
        int result = calls.ioctl(scratch, fd, Linux.SIOCINQ, scratch.structsAddress + Scratch.VALUE);
        if (result < 0) {
            throw Transfer.failure(socket, "ioctl SIOCINQ", -result);
        }
        return scratch.structs.getInt(Scratch.VALUE);
    }
}
