package dev.uds.backend.jnr;

import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.linux.Linux;
import dev.uds.linux.Transfer;
import java.io.IOException;

/**
 * accept(2), blocking: how a thread of this backend waits for a connection. bind(2), listen(2),
 * shutdown(2) and connect(2) with its retry are the core's ({@link dev.uds.linux.Connections}).
 */
final class JnrConnections {
    private JnrConnections() {
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
        } while (accepted < 0 && JnrLibc.errno() == Linux.EINTR && !socket.descriptor().isClosed());
        if (accepted < 0) {
            throw Transfer.failure(socket, "accept", JnrLibc.errno());
        }
        return new JnrUnixSocket(accepted, socket.type(), socket.label());
    }
}
