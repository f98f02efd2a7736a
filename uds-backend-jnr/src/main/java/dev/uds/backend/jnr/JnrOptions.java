package dev.uds.backend.jnr;

import dev.uds.PeerCredentials;
import dev.uds.UnixAddress;
import dev.uds.UnixSocketOption;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.linux.Linux;
import dev.uds.linux.LinuxErrors;
import dev.uds.linux.Sockaddr;
import dev.uds.linux.SocketOptions;
import dev.uds.linux.Structs;
import dev.uds.linux.Ucred;
import java.io.IOException;
import jnr.unixsocket.Credentials;
import jnr.unixsocket.UnixSocketChannel;
import jnr.unixsocket.UnixSocketOptions;

/**
 * The socket options of {@link UnixSocketOption} through {@code setsockopt(2)} and
 * {@code getsockopt(2)}: the calls here, each option's level, name, codec and range in the
 * core's {@link SocketOptions} table. And the socket's other queries: the peer's credentials,
 * its addresses ({@code getsockname(2)}, {@code getpeername(2)}) and the bytes waiting
 * ({@code ioctl(SIOCINQ)}).
 */
final class JnrOptions {
    private JnrOptions() {
    }

    static <T> void set(JnrUnixSocket socket, int fd, UnixSocketOption<T> option, T value) throws IOException {
        JnrScratch scratch = JnrScratch.get();
        SocketOptions.Row row = SocketOptions.row(option);
        int length = SocketOptions.encode(option, value, scratch.structs, scratch.valueOffset());
        if (JnrLibc.C.setsockopt(fd, row.level(), row.name(), scratch.value(), length) < 0) {
            throw socket.failure("setsockopt " + option, JnrLibc.errno());
        }
    }

    static <T> T get(JnrUnixSocket socket, int fd, UnixSocketOption<T> option) throws IOException {
        JnrScratch scratch = JnrScratch.get();
        SocketOptions.Row row = SocketOptions.row(option);
        scratch.setLength(row.codec().size());
        if (JnrLibc.C.getsockopt(fd, row.level(), row.name(), scratch.value(), scratch.length()) < 0) {
            throw socket.failure("getsockopt " + option, JnrLibc.errno());
        }
        return SocketOptions.decode(option, scratch.structs, scratch.valueOffset());
    }

    /** SO_PEERCRED through jnr-unixsocket's {@link Credentials}, on a channel that only borrows the descriptor. */
    static PeerCredentials peerCredentials(JnrUnixSocket socket, int fd) throws IOException {
        try {
            // fromFD wraps the descriptor without owning it: the wrapper is never closed, so it
            // never closes or shuts down this socket.
            Credentials peer = UnixSocketChannel.fromFD(fd).getOption(UnixSocketOptions.SO_PEERCRED);
            // The core's rule for pid 0, as on ffm: no peer is ENOTCONN, an unnamed pid none.
            return Ucred.peer(peer.getPid(), peer.getUid(), peer.getGid())
                    .orElseThrow(() -> LinuxErrors.noPeer(socket.label()));
        } catch (UnsupportedOperationException e) {
            // jnr-unixsocket's way of reporting that getsockopt(2) failed, with strerror text.
            throw JnrErrors.translate("getsockopt SO_PEERCRED", socket.label(), e);
        }
    }

    /** getsockname(2) if {@code local}, else getpeername(2); the caller holds {@code fd}. */
    static UnixAddress address(JnrUnixSocket socket, int fd, boolean local) throws IOException {
        JnrScratch scratch = JnrScratch.get();
        scratch.setLength(Structs.SOCKADDR_UN_SIZE);
        int rc = local ? JnrLibc.C.getsockname(fd, scratch.sockaddr(), scratch.length())
                : JnrLibc.C.getpeername(fd, scratch.sockaddr(), scratch.length());
        if (rc < 0) {
            throw socket.failure(local ? "getsockname" : "getpeername", JnrLibc.errno());
        }
        return Sockaddr.decode(scratch.structs, scratch.sockaddrOffset(), scratch.lengthValue());
    }

    /** The bytes waiting to be read, ioctl(SIOCINQ); the caller holds {@code fd}. */
    static int available(JnrUnixSocket socket, int fd) throws IOException {
        JnrScratch scratch = JnrScratch.get();
        if (JnrLibc.C.ioctl(fd, Linux.SIOCINQ, scratch.length()) < 0) {
            throw socket.failure("ioctl SIOCINQ", JnrLibc.errno());
        }
        return scratch.lengthValue();
    }
}
