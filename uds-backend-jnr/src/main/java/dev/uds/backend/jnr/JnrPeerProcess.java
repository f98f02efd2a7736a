package dev.uds.backend.jnr;

import dev.uds.PeerProcess;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.internal.Errors;
import dev.uds.internal.Linux;
import dev.uds.internal.PeerIdentity;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The peer's pidfd ({@code SO_PEERPIDFD}), owned and closed like a socket's descriptor; and the
 * peer's security label ({@code SO_PEERSEC}).
 */
final class JnrPeerProcess implements PeerProcess {
    private static final short POLLIN = 0x1;

    private final JnrDescriptor descriptor;
    private final int pid;

    private JnrPeerProcess(JnrDescriptor descriptor, int pid) {
        this.descriptor = descriptor;
        this.pid = pid;
    }

    static PeerProcess of(JnrUnixSocket socket, int fd) throws IOException {
        JnrScratch scratch = JnrScratch.get();
        scratch.setLength(4);
        if (JnrLibc.C.getsockopt(fd, Linux.SOL_SOCKET, Linux.SO_PEERPIDFD, scratch.value(), scratch.length()) < 0) {
            int errno = JnrLibc.errno();
            socket.throwIfClosedMeanwhile();
            throw PeerIdentity.pidfdFailure(socket.label(), errno);
        }
        // The kernel makes it close-on-exec.
        JnrDescriptor pidfd = new JnrDescriptor(scratch.structs.getInt(scratch.valueOffset()));
        try {
            return new JnrPeerProcess(pidfd, PeerIdentity.pidOf(pidfd.fd()));
        } catch (IOException | RuntimeException e) {
            pidfd.close();
            throw e;
        }
    }

    /** SO_PEERSEC: empty on ENOPROTOOPT; a buffer that is too small (ERANGE) grows to the size asked. */
    static String securityLabel(JnrUnixSocket socket, int fd) throws IOException {
        JnrScratch scratch = JnrScratch.get();
        int size = 256;
        while (true) {
            ByteBuffer label = scratch.data(size);
            scratch.setLength(size);
            if (JnrLibc.C.getsockopt(fd, Linux.SOL_SOCKET, Linux.SO_PEERSEC, scratch.dataAddress(), scratch.length()) == 0) {
                int length = Math.min(scratch.lengthValue(), size);
                byte[] bytes = new byte[length];
                label.get(0, bytes);
                return PeerIdentity.label(bytes, length);
            }
            int errno = JnrLibc.errno();
            if (errno == Linux.ENOPROTOOPT) {
                return "";
            }
            if (errno != Linux.ERANGE || size >= 1 << 16) {
                throw socket.failure("getsockopt SO_PEERSEC", socket.label(), errno);
            }
            size = Math.max(size * 2, scratch.lengthValue());
        }
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public boolean isAlive() throws IOException {
        int fd = descriptor.acquire();
        try {
            JnrScratch scratch = JnrScratch.get();
            ByteBuffer s = scratch.structs;
            int at = scratch.pollfdOffset();
            s.putInt(at, fd);
            s.putShort(at + JnrStructs.POLLFD_EVENTS, POLLIN);
            s.putShort(at + JnrStructs.POLLFD_REVENTS, (short) 0);
            if (JnrLibc.C.poll(scratch.pollfd(), 1, 0) < 0) {
                throw Errors.exception("poll", "pidfd " + fd + " of pid " + pid, JnrLibc.errno());
            }
            // A pidfd is readable once its process has exited.
            return (s.getShort(at + JnrStructs.POLLFD_REVENTS) & POLLIN) == 0;
        } finally {
            descriptor.release();
        }
    }

    @Override
    public int fd() throws IOException {
        int fd = descriptor.acquire();
        descriptor.release();
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
