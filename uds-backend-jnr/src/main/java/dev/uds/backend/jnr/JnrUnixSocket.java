package dev.uds.backend.jnr;

import dev.uds.PeerCredentials;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.linux.Descriptor;
import dev.uds.linux.Linux;
import dev.uds.linux.LinuxBackend;
import dev.uds.linux.LinuxErrors;
import dev.uds.linux.LinuxSocket;
import dev.uds.linux.Scratch;
import dev.uds.linux.Transfer;
import dev.uds.linux.Ucred;
import java.io.IOException;
import jnr.unixsocket.Credentials;
import jnr.unixsocket.UnixSocketChannel;
import jnr.unixsocket.UnixSocketOptions;

/**
 * An AF_UNIX socket of any type: the core's socket ({@link LinuxSocket}) over this backend's
 * binding ({@link JnrSyscalls}, through jnr-ffi) and memory ({@link JnrScratch}). jnr's threads
 * never park: each call blocks in the kernel. What is jnr's own: accept(2), and the peer's
 * credentials, which jnr-unixsocket reads on any descriptor.
 *
 * <p>unix(7) has one socket that binds, then listens or connects; jnr-unixsocket, like the JDK,
 * splits it into a server channel and a client channel, and its datagram channel's
 * {@code connect} only records the address. So the socket makes its calls itself through jnr-ffi
 * ({@link JnrLibc}), and asks jnr-unixsocket only for what it does on any descriptor.
 */
final class JnrUnixSocket extends LinuxSocket {
    /** This backend, as the core's socket sees it; loaded with the first socket, never by the provider. */
    static final LinuxBackend BACKEND = new LinuxBackend(JnrProvider.NAME, JnrProvider.CAPABILITIES,
            JnrSyscalls.INSTANCE, JnrScratch.PER_THREAD, JnrDirectMemory.INSTANCE, JnrUnixSocket::new);

    JnrUnixSocket(int fd, SocketType type, Object label) {
        super(BACKEND, new Descriptor(fd, JnrSyscalls.INSTANCE), type, label);
    }

    /** accept(2), blocking, the socket accepted close-on-exec. */
    @Override
    protected UnixSocket accept(int fd, Scratch thread) throws IOException {
        int accepted;
        do {
            enterBlocking();
            accepted = -1;
            try {
                accepted = JnrLibc.C.accept4(fd, 0, 0, Linux.SOCK_CLOEXEC);
            } finally {
                leaveBlocking(accepted >= 0);
            }
        } while (accepted < 0 && JnrLibc.errno() == Linux.EINTR && !descriptor().isClosed());
        if (accepted < 0) {
            throw Transfer.failure(this, "accept", JnrLibc.errno());
        }
        return new JnrUnixSocket(accepted, type(), label());
    }

    /** SO_PEERCRED through jnr-unixsocket's {@link Credentials}, on a channel that only borrows the descriptor. */
    @Override
    protected PeerCredentials peerCredentials(int fd) throws IOException {
        try {
            // fromFD wraps the descriptor without owning it: the wrapper is never closed, so it
            // never closes or shuts down this socket.
            Credentials peer = UnixSocketChannel.fromFD(fd).getOption(UnixSocketOptions.SO_PEERCRED);
            // The core's rule for pid 0, as on ffm: no peer is ENOTCONN, an unnamed pid none.
            return Ucred.peer(peer.getPid(), peer.getUid(), peer.getGid())
                    .orElseThrow(() -> LinuxErrors.noPeer(label()));
        } catch (UnsupportedOperationException e) {
            // jnr-unixsocket's way of reporting that getsockopt(2) failed, with strerror text.
            throw JnrErrors.translate("getsockopt SO_PEERCRED", label(), e);
        }
    }
}
