package dev.uds.linux;

import dev.uds.ReceivedDescriptor;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.internal.Errors;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * A descriptor received with {@code SCM_RIGHTS}, owned by this object until closed, detached or
 * adopted, on every native backend. It reads and writes with {@code read(2)} and
 * {@code write(2)}, whatever it refers to: a read places what one call brought; a write loops
 * until all is written, as a blocking channel does, each call retried on {@code EINTR}. A read
 * into a read-only buffer is refused before any call.
 *
 * <p>What differs between backends is the binding ({@link Syscalls}) and the socket an AF_UNIX
 * descriptor is adopted as ({@link Adopter}).
 */
public final class LinuxReceivedDescriptor implements ReceivedDescriptor {
    /** Makes a backend's socket of a descriptor it now owns. */
    @FunctionalInterface
    public interface Adopter {
        /**
         * The backend's socket.
         *
         * @param fd    the descriptor, owned by the socket from now on
         * @param type  its type, checked
         * @param label what errors name
         * @return the socket
         */
        UnixSocket adopt(int fd, SocketType type, Object label);
    }

    private final Descriptor descriptor;
    private final Syscalls calls;
    private final Adopter adopter;

    /**
     * Takes ownership of a received number.
     *
     * @param fd      the descriptor
     * @param calls   the backend's binding
     * @param adopter makes the backend's socket, for {@link #adoptAsSocket()}
     */
    public LinuxReceivedDescriptor(int fd, Syscalls calls, Adopter adopter) {
        // Woken by shutdown(2) on close if it is a socket; for a file the call simply fails.
        this.descriptor = new Descriptor(fd, calls);
        this.calls = calls;
        this.adopter = adopter;
    }

    /**
     * Its descriptor, held by a send that passes it on.
     *
     * @return the descriptor
     */
    public Descriptor descriptor() {
        return descriptor;
    }

    /**
     * The binding it was received with: a backend passes only its own descriptors.
     *
     * @return the binding
     */
    public Syscalls calls() {
        return calls;
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
            return Adoption.isUnixSocket(fd, label(), calls);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public UnixSocket adoptAsSocket() throws IOException {
        SocketType type;
        int fd = descriptor.begin();
        try {
            type = Adoption.check(fd, null, false, label(), calls);
        } finally {
            descriptor.end();
        }
        int owned = descriptor.release();
        return adopter.adopt(owned, type, "(received socket, fd " + owned + ")");
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
        Scratch scratch = calls.scratch();
        try {
            if (!dst.hasRemaining()) {
                return 0;
            }
            int length = dst.isDirect() ? dst.remaining() : Math.min(dst.remaining(), scratch.streamChunk());
            ByteBuffer copy = dst.isDirect() ? null : scratch.copyBuffer(length);
            long data = copy == null ? scratch.addressOf(dst) : scratch.addressOfCopy(copy);
            long n;
            do {
                n = calls.read(scratch, fd, data, length);
            } while (n == -Linux.EINTR && !descriptor.isClosed());
            Reference.reachabilityFence(dst);
            if (n < 0 || (n == 0 && descriptor.isClosed())) {
                throw failure("read", (int) -n);
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
            scratch.releaseCopy();
            descriptor.end();
        }
    }

    /** Writes all of {@code src}, as a blocking channel does: write(2) until done, EINTR retried. */
    @Override
    public int write(ByteBuffer src) throws IOException {
        int fd = descriptor.begin();
        Scratch scratch = calls.scratch();
        try {
            int total = 0;
            while (src.hasRemaining()) {
                int position = src.position();
                int length = src.isDirect() ? src.remaining() : Math.min(src.remaining(), scratch.streamChunk());
                long data = scratch.addressOfData(src, length);
                long n;
                do {
                    n = calls.write(scratch, fd, data, length);
                } while (n == -Linux.EINTR && !descriptor.isClosed());
                Reference.reachabilityFence(src);
                if (n < 0) {
                    throw failure("write", (int) -n);
                }
                src.position(position + (int) n);
                total += (int) n;
            }
            return total;
        } finally {
            scratch.releaseCopy();
            descriptor.end();
        }
    }

    private IOException failure(String call, int errno) {
        IOException closed = descriptor.closedMeanwhile();
        return closed != null ? closed : Errors.exception(call, label(), errno);
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
