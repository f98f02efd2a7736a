package dev.uds.backend.jnr;

import com.kenai.jffi.MemoryIO;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.linux.Linux;
import dev.uds.linux.Scratch;
import dev.uds.linux.Structs;
import dev.uds.linux.Syscalls;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/** The system calls the core makes itself, through jnr-ffi. */
final class JnrSyscalls implements Syscalls {
    static final JnrSyscalls INSTANCE = new JnrSyscalls();

    private JnrSyscalls() {
    }

    @Override
    public int close(int fd) {
        return JnrLibc.C.close(fd) == 0 ? 0 : JnrLibc.errno();
    }

    @Override
    public int shutdown(int fd, int how) {
        return JnrLibc.C.shutdown(fd, how) == 0 ? 0 : JnrLibc.errno();
    }

    @Override
    public int getsockopt(int fd, int name, ByteBuffer value) {
        JnrScratch scratch = JnrScratch.get();
        scratch.setLength(value.remaining());
        int result = JnrLibc.C.getsockopt(fd, Linux.SOL_SOCKET, name, JnrScratch.address(value) + value.position(),
                scratch.length());
        int errno = result < 0 ? JnrLibc.errno() : 0;
        Reference.reachabilityFence(value);
        return result < 0 ? -errno : scratch.lengthValue();
    }

    /** From the thread's scratch: no buffer per call. */
    @Override
    public long intOption(int fd, int name) {
        JnrScratch scratch = JnrScratch.get();
        scratch.setLength(Integer.BYTES);
        if (JnrLibc.C.getsockopt(fd, Linux.SOL_SOCKET, name, scratch.value(), scratch.length()) < 0) {
            return -JnrLibc.errno();
        }
        return scratch.structs.getInt(scratch.valueOffset());
    }

    @Override
    public int ioctl(int fd, long request, ByteBuffer argument) {
        long pointer = argument == null ? 0 : JnrScratch.address(argument) + argument.position();
        int result = JnrLibc.C.ioctl(fd, request, pointer);
        int errno = result < 0 ? JnrLibc.errno() : 0;
        Reference.reachabilityFence(argument);
        return errno;
    }

    @Override
    public int poll(int fd, short events, int timeoutMillis) {
        JnrScratch scratch = JnrScratch.get();
        ByteBuffer s = scratch.structs;
        int at = scratch.pollfdOffset();
        s.putInt(at + Structs.POLLFD_FD, fd);
        s.putShort(at + Structs.POLLFD_EVENTS, events);
        s.putShort(at + Structs.POLLFD_REVENTS, (short) 0);
        if (JnrLibc.C.poll(scratch.pollfd(), 1, timeoutMillis) < 0) {
            return -JnrLibc.errno();
        }
        return s.getShort(at + Structs.POLLFD_REVENTS) & 0xFFFF;
    }

    // ---- Message batches ----

    @Override
    public long sendmmsg(int fd, long vector, int count, int flags) {
        int sent = JnrLibc.C.sendmmsg(fd, vector, count, flags);
        return sent >= 0 ? sent : -JnrLibc.errno();
    }

    @Override
    public long recvmmsg(int fd, long vector, int count, int flags) {
        int received = JnrLibc.C.recvmmsg(fd, vector, count, flags, 0);
        return received >= 0 ? received : -JnrLibc.errno();
    }

    // ---- Data: jnr has no first try, every call is an ordinary one ----

    /**
     * send(2), or with a name sendmsg(2) with {@code msg_name}, which does the same in the
     * kernel: sendto(2) bound through jnr-ffi (six arguments) failed here with EINVAL and crashed
     * the JVM inside the call.
     */
    @Override
    public long sendto(Scratch scratch, int fd, long data, long length, int flags, long name, long nameLength) {
        long sent = name == 0 ? JnrLibc.C.send(fd, data, length, flags)
                : JnrLibc.C.sendmsg(fd, header(scratch, data, length, name, (int) nameLength), flags);
        return sent >= 0 ? sent : -JnrLibc.errno();
    }

    /** recv(2), or with a name recvmsg(2) with {@code msg_name} (see {@link #sendto}). */
    @Override
    public long recvfrom(Scratch scratch, int fd, long data, long length, int flags, long name, long nameLengthAddress) {
        if (name == 0) {
            long received = JnrLibc.C.recv(fd, data, length, flags);
            return received >= 0 ? received : -JnrLibc.errno();
        }
        MemoryIO memory = MemoryIO.getInstance();
        long received = JnrLibc.C.recvmsg(fd, header(scratch, data, length, name, memory.getInt(nameLengthAddress)),
                flags);
        if (received < 0) {
            return -JnrLibc.errno();
        }
        memory.putInt(nameLengthAddress, scratch.structs.getInt(Scratch.MSGHDR + Structs.MSG_NAMELEN));
        return received;
    }

    /** The scratch's {@code msghdr}, with one {@code iovec}, a name and no control data. */
    private static long header(Scratch scratch, long data, long length, long name, int nameLength) {
        ByteBuffer s = scratch.structs;
        long base = scratch.structsAddress;
        s.putLong(Scratch.IOVEC + Structs.IOV_BASE, data);
        s.putLong(Scratch.IOVEC + Structs.IOV_LEN, length);
        s.putLong(Scratch.MSGHDR + Structs.MSG_NAME, name);
        s.putInt(Scratch.MSGHDR + Structs.MSG_NAMELEN, nameLength);
        s.putLong(Scratch.MSGHDR + Structs.MSG_IOV, base + Scratch.IOVEC);
        s.putLong(Scratch.MSGHDR + Structs.MSG_IOVLEN, 1);
        s.putLong(Scratch.MSGHDR + Structs.MSG_CONTROL, 0);
        s.putLong(Scratch.MSGHDR + Structs.MSG_CONTROLLEN, 0);
        s.putInt(Scratch.MSGHDR + Structs.MSG_FLAGS, 0);
        return base + Scratch.MSGHDR;
    }

    @Override
    public Scratch scratch() {
        return JnrScratch.get();
    }

    @Override
    public long read(Scratch scratch, int fd, long data, long length) {
        long read = JnrLibc.C.read(fd, data, length);
        return read >= 0 ? read : -JnrLibc.errno();
    }

    @Override
    public long write(Scratch scratch, int fd, long data, long length) {
        long written = JnrLibc.C.write(fd, data, length);
        return written >= 0 ? written : -JnrLibc.errno();
    }

    @Override
    public long sendmsg(Scratch scratch, int fd, long msghdr, int flags) {
        long sent = JnrLibc.C.sendmsg(fd, msghdr, flags);
        return sent >= 0 ? sent : -JnrLibc.errno();
    }

    @Override
    public long recvmsg(Scratch scratch, int fd, long msghdr, int flags) {
        long received = JnrLibc.C.recvmsg(fd, msghdr, flags);
        return received >= 0 ? received : -JnrLibc.errno();
    }

    @Override
    public int open(Scratch scratch, long path, int flags, int mode) {
        int fd = JnrLibc.C.open(path, flags, mode);
        return fd >= 0 ? fd : -JnrLibc.errno();
    }

    @Override
    public int connect(Scratch scratch, int fd, long name, int length) {
        return JnrLibc.C.connect(fd, name, length) == 0 ? 0 : -JnrLibc.errno();
    }

    @Override
    public int socket(int type) {
        int fd = JnrLibc.C.socket(Linux.AF_UNIX, type, 0);
        return fd >= 0 ? fd : -JnrLibc.errno();
    }

    @Override
    public int socketpair(Scratch scratch, int type, long fds) {
        return JnrLibc.C.socketpair(Linux.AF_UNIX, type, 0, fds) == 0 ? 0 : -JnrLibc.errno();
    }

    @Override
    public int bind(Scratch scratch, int fd, long name, int length) {
        return JnrLibc.C.bind(fd, name, length) == 0 ? 0 : -JnrLibc.errno();
    }

    @Override
    public int listen(int fd, int backlog) {
        return JnrLibc.C.listen(fd, backlog) == 0 ? 0 : -JnrLibc.errno();
    }

    @Override
    public int fcntl(int fd, int command, int argument) {
        int result = JnrLibc.C.fcntl(fd, command, argument);
        return result >= 0 ? result : -JnrLibc.errno();
    }

    @Override
    public int getsockopt(Scratch scratch, int fd, int level, int name, long value, long lengthAddress) {
        return JnrLibc.C.getsockopt(fd, level, name, value, lengthAddress) == 0 ? 0 : -JnrLibc.errno();
    }

    @Override
    public int setsockopt(Scratch scratch, int fd, int level, int name, long value, int length) {
        return JnrLibc.C.setsockopt(fd, level, name, value, length) == 0 ? 0 : -JnrLibc.errno();
    }

    @Override
    public int getsockname(Scratch scratch, int fd, long name, long lengthAddress) {
        return JnrLibc.C.getsockname(fd, name, lengthAddress) == 0 ? 0 : -JnrLibc.errno();
    }

    @Override
    public int getpeername(Scratch scratch, int fd, long name, long lengthAddress) {
        return JnrLibc.C.getpeername(fd, name, lengthAddress) == 0 ? 0 : -JnrLibc.errno();
    }

    @Override
    public int ioctl(Scratch scratch, int fd, long request, long argument) {
        return JnrLibc.C.ioctl(fd, request, argument) < 0 ? -JnrLibc.errno() : 0;
    }
}
