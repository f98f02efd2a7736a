package dev.uds.backend.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.uds.SocketType;
import dev.uds.internal.Adoption;
import dev.uds.internal.Errors;
import dev.uds.internal.Linux;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/** Takes an inherited descriptor number as a socket, after the shared checks of {@link Adoption}. */
final class FfmInheritedSocket {
    private FfmInheritedSocket() {
    }

    static FfmUnixSocket adopt(int fd, SocketType expected, boolean listening) throws IOException {
        SocketType type = Adoption.check(fd, expected, listening, FfmInheritedSocket::intOption);
        FfmScratch scratch = FfmScratch.current();
        // Before anything else can fork: a process started later must not inherit the socket.
        if (Libc.ioctl(scratch.errno, fd, Linux.FIOCLEX, MemorySegment.NULL) < 0) {
            throw Errors.exception("adopt: ioctl FIOCLEX", "fd " + fd, scratch.errno());
        }
        // uds sockets block; a parent may pass one non-blocking (systemd's NonBlocking=yes).
        scratch.intValue.set(JAVA_INT, 0, 0);
        if (Libc.ioctl(scratch.errno, fd, Linux.FIONBIO, scratch.intValue) < 0) {
            throw Errors.exception("adopt: ioctl FIONBIO", "fd " + fd, scratch.errno());
        }
        return new FfmUnixSocket(fd, type, "inherited fd " + fd);
    }

    private static long intOption(int fd, int name) {
        FfmScratch scratch = FfmScratch.current();
        scratch.length.set(JAVA_INT, 0, Integer.BYTES);
        if (Libc.getsockopt(scratch.errno, fd, Linux.SOL_SOCKET, name, scratch.intValue, scratch.length) < 0) {
            return -scratch.errno();
        }
        return scratch.intValue.get(JAVA_INT, 0);
    }
}
