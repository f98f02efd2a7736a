package dev.uds.backend.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.uds.PeerProcess;
import dev.uds.internal.Errors;
import dev.uds.internal.Linux;
import dev.uds.internal.PeerIdentity;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The peer's pidfd ({@code SO_PEERPIDFD}), owned and closed like a socket's descriptor; and the
 * peer's security label ({@code SO_PEERSEC}).
 */
final class FfmPeerProcess implements PeerProcess {
    private final FfmDescriptor descriptor;
    private final int pid;

    private FfmPeerProcess(FfmDescriptor descriptor, int pid) {
        this.descriptor = descriptor;
        this.pid = pid;
    }

    static PeerProcess of(FfmUnixSocket socket, int fd) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        scratch.length.set(JAVA_INT, 0, Integer.BYTES);
        if (Libc.getsockopt(scratch.errno, fd, Linux.SOL_SOCKET, Linux.SO_PEERPIDFD, scratch.intValue, scratch.length) < 0) {
            IOException closed = socket.descriptor().closedMeanwhile();
            throw closed != null ? closed : PeerIdentity.pidfdFailure(socket.label(), scratch.errno());
        }
        // The kernel makes it close-on-exec.
        FfmDescriptor pidfd = new FfmDescriptor(scratch.intValue.get(JAVA_INT, 0), false);
        try {
            return new FfmPeerProcess(pidfd, PeerIdentity.pidOf(pidfd.number()));
        } catch (IOException | RuntimeException e) {
            pidfd.close();
            throw e;
        }
    }

    /** SO_PEERSEC: empty on ENOPROTOOPT; a buffer that is too small (ERANGE) grows to the size asked. */
    static String securityLabel(FfmUnixSocket socket, int fd) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        int size = 256;
        try (Arena arena = Arena.ofConfined()) {
            while (true) {
                MemorySegment label = arena.allocate(size);
                scratch.length.set(JAVA_INT, 0, size);
                if (Libc.getsockopt(scratch.errno, fd, Linux.SOL_SOCKET, Linux.SO_PEERSEC, label, scratch.length) == 0) {
                    int length = scratch.length.get(JAVA_INT, 0);
                    return PeerIdentity.label(label.asSlice(0, Math.min(length, size)).toArray(ValueLayout.JAVA_BYTE), length);
                }
                int errno = scratch.errno();
                if (errno == Linux.ENOPROTOOPT) {
                    return "";
                }
                if (errno != Linux.ERANGE || size >= 1 << 16) {
                    throw socket.failure("getsockopt SO_PEERSEC", errno);
                }
                size = Math.max(size * 2, scratch.length.get(JAVA_INT, 0));
            }
        }
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public boolean isAlive() throws IOException {
        int fd = descriptor.begin();
        try {
            FfmScratch scratch = FfmScratch.current();
            MemorySegment pollfd = scratch.pollfd;
            pollfd.set(JAVA_INT, LibcStructs.POLL_FD, fd);
            pollfd.set(JAVA_SHORT, LibcStructs.POLL_EVENTS, LibcStructs.POLLIN);
            pollfd.set(JAVA_SHORT, LibcStructs.POLL_REVENTS, (short) 0);
            if (Libc.poll(scratch.errno, pollfd, 1, 0) < 0) {
                throw Errors.exception("poll", "pidfd " + fd + " of pid " + pid, scratch.errno());
            }
            // A pidfd is readable once its process has exited.
            return (pollfd.get(JAVA_SHORT, LibcStructs.POLL_REVENTS) & LibcStructs.POLLIN) == 0;
        } finally {
            descriptor.end();
        }
    }

    @Override
    public int fd() throws IOException {
        int fd = descriptor.begin();
        descriptor.end();
        return fd;
    }

    @Override
    public boolean isOpen() {
        return !descriptor.isClosed();
    }

    @Override
    public void close() throws IOException {
        descriptor.close();
    }

    @Override
    public String toString() {
        return "pidfd of pid " + pid + (isOpen() ? "" : " (closed)");
    }
}
