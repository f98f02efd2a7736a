package dev.uds.backend.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.uds.PeerCredentials;
import dev.uds.UnixAddress;
import dev.uds.UnixSocketOption;
import dev.uds.linux.Linux;
import dev.uds.linux.LinuxErrors;
import dev.uds.linux.Sockaddr;
import dev.uds.linux.SocketOptions;
import dev.uds.linux.Structs;
import dev.uds.linux.Ucred;
import java.io.IOException;

/**
 * Socket options through {@code getsockopt(2)} and {@code setsockopt(2)}: the calls here, each
 * option's level, name, codec and range in the core's {@link SocketOptions} table. And the
 * socket's other queries: its addresses ({@code getsockname(2)}, {@code getpeername(2)}) and the
 * bytes waiting ({@code ioctl(SIOCINQ)}).
 */
final class FfmOptions {
    private FfmOptions() {
    }

    static <T> void set(FfmUnixSocket socket, int fd, UnixSocketOption<T> option, T value) throws IOException {
        FfmProvider.require(option.capability());
        FfmScratch scratch = FfmScratch.current();
        SocketOptions.Row row = SocketOptions.row(option);
        int length = SocketOptions.encode(option, value, scratch.valueBuffer, 0);
        if (Libc.setsockopt(scratch.errno, fd, row.level(), row.name(), scratch.value, length) < 0) {
            throw socket.failure("setsockopt " + option.name(), scratch.errno());
        }
    }

    static <T> T get(FfmUnixSocket socket, int fd, UnixSocketOption<T> option) throws IOException {
        FfmProvider.require(option.capability());
        FfmScratch scratch = FfmScratch.current();
        SocketOptions.Row row = SocketOptions.row(option);
        scratch.length.set(JAVA_INT, 0, row.codec().size());
        if (Libc.getsockopt(scratch.errno, fd, row.level(), row.name(), scratch.value, scratch.length) < 0) {
            throw socket.failure("getsockopt " + option.name(), scratch.errno());
        }
        return SocketOptions.decode(option, scratch.valueBuffer, 0);
    }

    /** SO_PEERCRED, read by the core's rule ({@link Ucred#peer}): no peer is ENOTCONN. */
    static PeerCredentials peerCredentials(FfmUnixSocket socket, int fd) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        scratch.length.set(JAVA_INT, 0, Structs.UCRED_SIZE);
        if (Libc.getsockopt(scratch.errno, fd, Linux.SOL_SOCKET, Linux.SO_PEERCRED, scratch.value, scratch.length) < 0) {
            throw socket.failure("getsockopt SO_PEERCRED", scratch.errno());
        }
        return Ucred.peer(scratch.valueBuffer, 0).orElseThrow(() -> LinuxErrors.noPeer(socket.label()));
    }

    /**
     * {@code SO_RCVTIMEO} or {@code SO_SNDTIMEO} in nanoseconds, 0 for none: what bounds a
     * virtual thread's parked call, whose non-blocking syscalls the kernel never times out.
     */
    static long timeoutNanos(FfmUnixSocket socket, int fd, int name) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        scratch.length.set(JAVA_INT, 0, Structs.TIMEVAL_SIZE);
        if (Libc.getsockopt(scratch.errno, fd, Linux.SOL_SOCKET, name, scratch.value, scratch.length) < 0) {
            throw socket.failure(name == Linux.SO_RCVTIMEO ? "getsockopt SO_RCVTIMEO" : "getsockopt SO_SNDTIMEO",
                    scratch.errno());
        }
        return SocketOptions.timeoutNanos(scratch.valueBuffer, 0);
    }

    /** getsockname(2), or getpeername(2) if {@code peer}; the caller holds {@code fd}. */
    static UnixAddress address(FfmUnixSocket socket, int fd, boolean peer) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        scratch.length.set(JAVA_INT, 0, Structs.SOCKADDR_UN_SIZE);
        int result = peer
                ? Libc.getpeername(scratch.errno, fd, scratch.sockaddr, scratch.length)
                : Libc.getsockname(scratch.errno, fd, scratch.sockaddr, scratch.length);
        if (result < 0) {
            throw socket.failure(peer ? "getpeername" : "getsockname", scratch.errno());
        }
        return Sockaddr.decode(scratch.sockaddrBuffer, 0, scratch.length.get(JAVA_INT, 0));
    }

    /** The bytes waiting to be read, ioctl(SIOCINQ); the caller holds {@code fd}. */
    static int available(FfmUnixSocket socket, int fd) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        if (Libc.ioctl(scratch.errno, fd, Linux.SIOCINQ, scratch.intValue) < 0) {
            throw socket.failure("ioctl SIOCINQ", scratch.errno());
        }
        return scratch.intValue.get(JAVA_INT, 0);
    }
}
