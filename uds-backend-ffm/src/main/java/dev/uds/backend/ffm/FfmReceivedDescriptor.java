package dev.uds.backend.ffm;

import dev.uds.ReceivedDescriptor;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.internal.Errors;
import dev.uds.linux.Adoption;
import dev.uds.linux.Linux;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * A descriptor received with SCM_RIGHTS, owned by this object until closed or adopted. It reads
 * and writes with {@code read(2)} and {@code write(2)}, whatever it refers to.
 */
final class FfmReceivedDescriptor implements ReceivedDescriptor {
    private final FfmDescriptor descriptor;

    FfmReceivedDescriptor(int fd) {
        // Woken by shutdown(2) on close if it is a socket; for a file the call simply fails.
        this.descriptor = new FfmDescriptor(fd);
    }

    FfmDescriptor descriptor() {
        return descriptor;
    }

    private String label() {
        return "received fd " + descriptor.number();
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
            return Adoption.isUnixSocket(fd, label(), FfmSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public UnixSocket adoptAsSocket() throws IOException {
        SocketType type;
        int fd = descriptor.begin();
        try {
            type = Adoption.check(fd, null, false, label(), FfmSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
        int owned = descriptor.release();
        return new FfmUnixSocket(owned, type, "(received socket, fd " + owned + ")");
    }

    @Override
    public int detach() throws IOException {
        return descriptor.release();
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
            FfmScratch scratch = FfmScratch.current();
            int length = dst.isDirect() ? dst.remaining() : Math.min(dst.remaining(), scratch.streamChunk());
            ByteBuffer copy = dst.isDirect() ? null : scratch.copyBuffer(length);
            MemorySegment data = copy == null ? MemorySegment.ofBuffer(dst) : MemorySegment.ofAddress(scratch.addressOfCopy(copy)).reinterpret(length);
            long n;
            do {
                n = Libc.read(scratch.errno, fd, data, length);
            } while (n < 0 && scratch.errno() == Linux.EINTR && !descriptor.isClosed());
            FfmUnixSocket.keepAlive(dst);
            if (n < 0 || (n == 0 && descriptor.isClosed())) {
                IOException closed = descriptor.closedMeanwhile();
                throw closed != null ? closed : Errors.exception("read", label(), scratch.errno());
            }
            if (n == 0) {
                return -1;
            }
            if (copy != null) {
                dst.put(dst.position(), copy, 0, (int) n);
            }
            dst.position(dst.position() + (int) n);
            return (int) n;
        } finally {
            FfmScratch.current().releaseCopy();
            descriptor.end();
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int fd = descriptor.begin();
        try {
            FfmScratch scratch = FfmScratch.current();
            int total = 0;
            while (src.hasRemaining()) {
                int position = src.position();
                int length = src.isDirect() ? src.remaining() : Math.min(src.remaining(), scratch.streamChunk());
                MemorySegment data;
                if (src.isDirect()) {
                    data = MemorySegment.ofBuffer(src);
                } else {
                    ByteBuffer copy = scratch.copyBuffer(length);
                    copy.put(0, src, position, length);
                    data = MemorySegment.ofAddress(scratch.addressOfCopy(copy)).reinterpret(length);
                }
                long n;
                do {
                    n = Libc.write(scratch.errno, fd, data, length);
                } while (n < 0 && scratch.errno() == Linux.EINTR && !descriptor.isClosed());
                FfmUnixSocket.keepAlive(src);
                if (n < 0) {
                    IOException closed = descriptor.closedMeanwhile();
                    throw closed != null ? closed : Errors.exception("write", label(), scratch.errno());
                }
                src.position(position + (int) n);
                total += (int) n;
            }
            return total;
        } finally {
            FfmScratch.current().releaseCopy();
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
