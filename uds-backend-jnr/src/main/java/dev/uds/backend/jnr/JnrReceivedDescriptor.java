package dev.uds.backend.jnr;

import dev.uds.ReceivedDescriptor;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.internal.Errors;
import dev.uds.linux.Adoption;
import dev.uds.linux.Descriptor;
import dev.uds.linux.Linux;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * A descriptor received with {@code SCM_RIGHTS}: read and written with {@code read(2)} and
 * {@code write(2)}, and adopted as a {@link JnrUnixSocket} when it is an AF_UNIX socket.
 */
final class JnrReceivedDescriptor implements ReceivedDescriptor {
    private final Descriptor descriptor;

    JnrReceivedDescriptor(int fd) {
        this.descriptor = new Descriptor(fd, JnrSyscalls.INSTANCE);
    }

    Descriptor descriptor() {
        return descriptor;
    }

    @Override
    public int fd() throws IOException {
        int fd = descriptor.begin();
        descriptor.end();
        return fd;
    }

    @Override
    public boolean isUnixSocket() throws IOException {
        int fd = descriptor.begin();
        try {
            return Adoption.isUnixSocket(fd, label(), JnrSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public UnixSocket adoptAsSocket() throws IOException {
        SocketType type;
        int fd = descriptor.begin();
        try {
            type = Adoption.check(fd, null, false, label(), JnrSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
        int owned = descriptor.release();
        return new JnrUnixSocket(owned, type, "(received socket, fd " + owned + ")");
    }

    @Override
    public int detach() throws IOException {
        return descriptor.release();
    }

    private String label() {
        return "received fd " + descriptor.number();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("cannot read into a read-only buffer");
        }
        int fd = descriptor.begin();
        try {
            if (!dst.hasRemaining()) {
                return 0;
            }
            int length = dst.isDirect() ? dst.remaining() : Math.min(dst.remaining(), JnrScratch.STREAM_CHUNK);
            JnrScratch scratch = JnrScratch.get();
            long address;
            if (dst.isDirect()) {
                address = JnrScratch.address(dst) + dst.position();
            } else {
                scratch.data(length);
                address = scratch.dataAddress();
            }
            long n;
            do {
                n = JnrLibc.C.read(fd, address, length);
            } while (n < 0 && JnrLibc.errno() == Linux.EINTR && !descriptor.isClosed());
            Reference.reachabilityFence(dst);
            if (n < 0 || (n == 0 && descriptor.isClosed())) {
                IOException closed = descriptor.closedMeanwhile();
                throw closed != null ? closed : Errors.exception("read", label(), JnrLibc.errno());
            }
            if (n == 0) {
                return -1;
            }
            if (!dst.isDirect()) {
                dst.put(dst.position(), scratch.data(0), 0, (int) n);
            }
            dst.position(dst.position() + (int) n);
            return (int) n;
        } finally {
            descriptor.end();
        }
    }

    /** Writes all of {@code src}, as a blocking channel does: write(2) until done, EINTR retried. */
    @Override
    public int write(ByteBuffer src) throws IOException {
        int fd = descriptor.begin();
        try {
            int total = 0;
            while (src.hasRemaining()) {
                int length = src.isDirect() ? src.remaining() : Math.min(src.remaining(), JnrScratch.STREAM_CHUNK);
                long address;
                if (src.isDirect()) {
                    address = JnrScratch.address(src) + src.position();
                } else {
                    JnrScratch scratch = JnrScratch.get();
                    scratch.data(length).put(0, src, src.position(), length);
                    address = scratch.dataAddress();
                }
                long n;
                do {
                    n = JnrLibc.C.write(fd, address, length);
                } while (n < 0 && JnrLibc.errno() == Linux.EINTR && !descriptor.isClosed());
                Reference.reachabilityFence(src);
                if (n < 0) {
                    IOException closed = descriptor.closedMeanwhile();
                    throw closed != null ? closed : Errors.exception("write", label(), JnrLibc.errno());
                }
                src.position(src.position() + (int) n);
                total += (int) n;
            }
            return total;
        } finally {
            descriptor.end();
        }
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
        return label() + (isOpen() ? "" : " (closed)");
    }
}
