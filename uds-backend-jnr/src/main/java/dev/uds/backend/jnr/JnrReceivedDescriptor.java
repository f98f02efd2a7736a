package dev.uds.backend.jnr;

import dev.uds.Errno;
import dev.uds.ReceivedDescriptor;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.internal.Errors;
import dev.uds.internal.Linux;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * A descriptor received with {@code SCM_RIGHTS}: read and written with {@code read(2)} and
 * {@code write(2)}, and adopted as a {@link JnrUnixSocket} when it is an AF_UNIX socket.
 */
final class JnrReceivedDescriptor implements ReceivedDescriptor {
    private final JnrDescriptor descriptor;

    JnrReceivedDescriptor(int fd) {
        this.descriptor = new JnrDescriptor(fd);
    }

    JnrDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public int fd() throws IOException {
        int fd = descriptor.acquire();
        descriptor.release();
        return fd;
    }

    @Override
    public boolean isUnixSocket() throws IOException {
        int fd = descriptor.acquire();
        try {
            return socketOption(fd, Linux.SO_DOMAIN, "getsockopt SO_DOMAIN") == Linux.AF_UNIX;
        } catch (IOException e) {
            if (e instanceof dev.uds.NativeError n && n.errno() == Errno.ENOTSOCK.number()) {
                return false;
            }
            throw e;
        } finally {
            descriptor.release();
        }
    }

    @Override
    public UnixSocket adoptAsSocket() throws IOException {
        int fd = descriptor.acquire();
        SocketType type;
        try {
            if (socketOption(fd, Linux.SO_DOMAIN, "adopt: getsockopt SO_DOMAIN") != Linux.AF_UNIX) {
                throw Errors.exception("adopt", "descriptor " + fd, Errno.EAFNOSUPPORT.number(), "not an AF_UNIX socket");
            }
            int kernelType = socketOption(fd, Linux.SO_TYPE, "adopt: getsockopt SO_TYPE");
            type = kernelType == Linux.SOCK_STREAM ? SocketType.STREAM
                    : kernelType == Linux.SOCK_DGRAM ? SocketType.DGRAM
                    : kernelType == Linux.SOCK_SEQPACKET ? SocketType.SEQPACKET : null;
            if (type == null) {
                throw Errors.exception("adopt", "descriptor " + fd, Errno.ESOCKTNOSUPPORT.number(),
                        "socket type " + kernelType);
            }
        } finally {
            descriptor.release();
        }
        return new JnrUnixSocket(descriptor.handOver(), type, "received descriptor");
    }

    @Override
    public int detach() throws IOException {
        return descriptor.handOver();
    }

    private static int socketOption(int fd, int name, String call) throws IOException {
        JnrScratch scratch = JnrScratch.get();
        scratch.setLength(4);
        if (JnrLibc.C.getsockopt(fd, Linux.SOL_SOCKET, name, scratch.value(), scratch.length()) < 0) {
            throw Errors.exception(call, "descriptor " + fd, JnrLibc.errno());
        }
        return scratch.structs.getInt(scratch.valueOffset());
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int fd = descriptor.acquire();
        try {
            int length = dst.isDirect() ? dst.remaining() : Math.min(dst.remaining(), JnrScratch.STREAM_CHUNK);
            JnrScratch scratch = JnrScratch.get();
            long address;
            if (dst.isDirect()) {
                address = JnrScratch.address(dst) + dst.position();
            } else {
                scratch.data(length);
                address = scratch.dataAddress();
            }
            long n = JnrLibc.C.read(fd, address, length);
            Reference.reachabilityFence(dst);
            if (n < 0) {
                throw Errors.exception("read", "descriptor " + fd, JnrLibc.errno());
            }
            if (n == 0 && length > 0) {
                return -1;
            }
            if (!dst.isDirect()) {
                dst.put(dst.position(), scratch.data(0), 0, (int) n);
            }
            dst.position(dst.position() + (int) n);
            return (int) n;
        } finally {
            descriptor.release();
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int fd = descriptor.acquire();
        try {
            int length = src.isDirect() ? src.remaining() : Math.min(src.remaining(), JnrScratch.STREAM_CHUNK);
            long address;
            if (src.isDirect()) {
                address = JnrScratch.address(src) + src.position();
            } else {
                JnrScratch scratch = JnrScratch.get();
                scratch.data(length).put(0, src, src.position(), length);
                address = scratch.dataAddress();
            }
            long n = JnrLibc.C.write(fd, address, length);
            Reference.reachabilityFence(src);
            if (n < 0) {
                throw Errors.exception("write", "descriptor " + fd, JnrLibc.errno());
            }
            src.position(src.position() + (int) n);
            return (int) n;
        } finally {
            descriptor.release();
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
        return "received descriptor " + descriptor.fd();
    }
}
