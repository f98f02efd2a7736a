package dev.uds.backend.jnr;

import dev.uds.SocketType;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.internal.Adoption;
import dev.uds.internal.Errors;
import dev.uds.internal.Linux;
import java.io.IOException;

/** Takes an inherited descriptor number as a socket, after the shared checks of {@link Adoption}. */
final class JnrInheritedSocket {
    private JnrInheritedSocket() {
    }

    static JnrUnixSocket adopt(int fd, SocketType expected, boolean listening) throws IOException {
        SocketType type = Adoption.check(fd, expected, listening, JnrInheritedSocket::intOption);
        // Before anything else can fork: a process started later must not inherit the socket.
        if (JnrLibc.C.ioctl(fd, Linux.FIOCLEX, 0) < 0) {
            throw Errors.exception("adopt: ioctl FIOCLEX", "fd " + fd, JnrLibc.errno());
        }
        // uds sockets block; a parent may pass one non-blocking (systemd's NonBlocking=yes).
        JnrScratch scratch = JnrScratch.get();
        scratch.structs.putInt(scratch.valueOffset(), 0);
        if (JnrLibc.C.ioctl(fd, Linux.FIONBIO, scratch.value()) < 0) {
            throw Errors.exception("adopt: ioctl FIONBIO", "fd " + fd, JnrLibc.errno());
        }
        return new JnrUnixSocket(fd, type, "inherited fd " + fd);
    }

    private static long intOption(int fd, int name) {
        JnrScratch scratch = JnrScratch.get();
        scratch.setLength(4);
        if (JnrLibc.C.getsockopt(fd, Linux.SOL_SOCKET, name, scratch.value(), scratch.length()) < 0) {
            return -JnrLibc.errno();
        }
        return scratch.structs.getInt(scratch.valueOffset());
    }
}
