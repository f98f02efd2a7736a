package dev.uds.backend.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.uds.linux.Linux;
import dev.uds.linux.Scratch;
import dev.uds.linux.Syscalls;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/** The system calls the core makes itself, as FFM downcalls with errno captured in the thread's scratch. */
final class FfmSyscalls implements Syscalls {
    static final FfmSyscalls INSTANCE = new FfmSyscalls();

    private FfmSyscalls() {
    }

    @Override
    public int close(int fd) {
        FfmScratch scratch = FfmScratch.current();
        return Libc.close(scratch.errno, fd) == 0 ? 0 : scratch.errno();
    }

    @Override
    public int shutdown(int fd, int how) {
        FfmScratch scratch = FfmScratch.current();
        return Libc.shutdown(scratch.errno, fd, how) == 0 ? 0 : scratch.errno();
    }

    @Override
    public int getsockopt(int fd, int name, ByteBuffer value) {
        FfmScratch scratch = FfmScratch.current();
        scratch.length.set(JAVA_INT, 0, value.remaining());
        if (Libc.getsockopt(scratch.errno, fd, Linux.SOL_SOCKET, name, MemorySegment.ofBuffer(value), scratch.length) < 0) {
            return -scratch.errno();
        }
        return scratch.length.get(JAVA_INT, 0);
    }

    /** From the thread's scratch: no buffer per call. */
    @Override
    public long intOption(int fd, int name) {
        FfmScratch scratch = FfmScratch.current();
        scratch.length.set(JAVA_INT, 0, Integer.BYTES);
        if (Libc.getsockopt(scratch.errno, fd, Linux.SOL_SOCKET, name, scratch.intValue, scratch.length) < 0) {
            return -scratch.errno();
        }
        return scratch.intValue.get(JAVA_INT, 0);
    }

    @Override
    public int ioctl(int fd, long request, ByteBuffer argument) {
        FfmScratch scratch = FfmScratch.current();
        MemorySegment pointer = argument == null ? MemorySegment.NULL : MemorySegment.ofBuffer(argument);
        return Libc.ioctl(scratch.errno, fd, request, pointer) < 0 ? scratch.errno() : 0;
    }

    @Override
    public int poll(int fd, short events, int timeoutMillis) {
        FfmScratch scratch = FfmScratch.current();
        MemorySegment pollfd = scratch.pollfd;
        pollfd.set(JAVA_INT, LibcStructs.POLL_FD, fd);
        pollfd.set(JAVA_SHORT, LibcStructs.POLL_EVENTS, events);
        pollfd.set(JAVA_SHORT, LibcStructs.POLL_REVENTS, (short) 0);
        if (LibcReadiness.poll(scratch.errno, pollfd, 1, timeoutMillis) < 0) {
            return -scratch.errno();
        }
        return pollfd.get(JAVA_SHORT, LibcStructs.POLL_REVENTS) & 0xFFFF;
    }

    // ---- Message batches ----

    @Override
    public long sendmmsg(int fd, long vector, int count, int flags) {
        FfmScratch scratch = FfmScratch.current();
        long sent = Libc.sendmmsg(scratch.errno, fd, vector, count, flags);
        return sent >= 0 ? sent : -scratch.errno();
    }

    @Override
    public long recvmmsg(int fd, long vector, int count, int flags) {
        FfmScratch scratch = FfmScratch.current();
        long received = Libc.recvmmsg(scratch.errno, fd, vector, count, flags);
        return received >= 0 ? received : -scratch.errno();
    }

    // ---- Data ----

    @Override
    public long sendto(Scratch scratch, int fd, long data, long length, int flags, long name, long nameLength) {
        FfmScratch own = (FfmScratch) scratch;
        long sent = Libc.sendTo(own.errno, fd, data, length, flags, name, nameLength);
        return sent >= 0 ? sent : -own.errno();
    }

    @Override
    public long recvfrom(Scratch scratch, int fd, long data, long length, int flags, long name, long nameLengthAddress) {
        FfmScratch own = (FfmScratch) scratch;
        long received = Libc.recvFrom(own.errno, fd, data, length, flags, name, nameLengthAddress);
        return received >= 0 ? received : -own.errno();
    }

    /** A critical downcall ({@link Libc#sendToNow}) is given at most this. */
    @Override
    public int nowLimit() {
        return Libc.NOW_LIMIT;
    }

    @Override
    public long sendtoNow(Scratch scratch, int fd, long data, long length, int flags, long name, long nameLength) {
        FfmScratch own = (FfmScratch) scratch;
        long sent = Libc.sendToNow(own.errno, fd, data, length, flags, name, nameLength);
        return sent >= 0 ? sent : -own.errno();
    }

    @Override
    public long recvfromNow(Scratch scratch, int fd, long data, long length, int flags, long name,
            long nameLengthAddress) {
        FfmScratch own = (FfmScratch) scratch;
        long received = Libc.recvFromNow(own.errno, fd, data, length, flags, name, nameLengthAddress);
        return received >= 0 ? received : -own.errno();
    }

    @Override
    public Scratch scratch() {
        return FfmScratch.current();
    }

    @Override
    public long read(Scratch scratch, int fd, long data, long length) {
        FfmScratch own = (FfmScratch) scratch;
        long read = Libc.read(own.errno, fd, data, length);
        return read >= 0 ? read : -own.errno();
    }

    @Override
    public long write(Scratch scratch, int fd, long data, long length) {
        FfmScratch own = (FfmScratch) scratch;
        long written = Libc.write(own.errno, fd, data, length);
        return written >= 0 ? written : -own.errno();
    }

    @Override
    public long sendmsg(Scratch scratch, int fd, long msghdr, int flags) {
        FfmScratch own = (FfmScratch) scratch;
        long sent = Libc.sendmsg(own.errno, fd, msghdr, flags);
        return sent >= 0 ? sent : -own.errno();
    }

    @Override
    public long recvmsg(Scratch scratch, int fd, long msghdr, int flags) {
        FfmScratch own = (FfmScratch) scratch;
        long received = Libc.recvmsg(own.errno, fd, msghdr, flags);
        return received >= 0 ? received : -own.errno();
    }

    @Override
    public int open(Scratch scratch, long path, int flags, int mode) {
        FfmScratch own = (FfmScratch) scratch;
        int fd = Libc.open(own.errno, path, flags, mode);
        return fd >= 0 ? fd : -own.errno();
    }

    @Override
    public int connect(Scratch scratch, int fd, long name, int length) {
        FfmScratch own = (FfmScratch) scratch;
        return Libc.connect(own.errno, fd, name, length) == 0 ? 0 : -own.errno();
    }

    @Override
    public int socket(int type) {
        FfmScratch scratch = FfmScratch.current();
        int fd = Libc.socket(scratch.errno, Linux.AF_UNIX, type, 0);
        return fd >= 0 ? fd : -scratch.errno();
    }

    @Override
    public int socketpair(Scratch scratch, int type, long fds) {
        FfmScratch own = (FfmScratch) scratch;
        return Libc.socketpair(own.errno, Linux.AF_UNIX, type, 0, fds) == 0 ? 0 : -own.errno();
    }

    @Override
    public int bind(Scratch scratch, int fd, long name, int length) {
        FfmScratch own = (FfmScratch) scratch;
        return Libc.bind(own.errno, fd, name, length) == 0 ? 0 : -own.errno();
    }

    @Override
    public int listen(int fd, int backlog) {
        FfmScratch scratch = FfmScratch.current();
        return Libc.listen(scratch.errno, fd, backlog) == 0 ? 0 : -scratch.errno();
    }

    @Override
    public int fcntl(int fd, int command, int argument) {
        FfmScratch scratch = FfmScratch.current();
        int result = LibcReadiness.fcntl(scratch.errno, fd, command, argument);
        return result >= 0 ? result : -scratch.errno();
    }

    // The queries below are rare: a segment of the address per call is of no account.

    @Override
    public int getsockopt(Scratch scratch, int fd, int level, int name, long value, long lengthAddress) {
        FfmScratch own = (FfmScratch) scratch;
        return Libc.getsockopt(own.errno, fd, level, name, MemorySegment.ofAddress(value),
                MemorySegment.ofAddress(lengthAddress)) == 0 ? 0 : -own.errno();
    }

    @Override
    public int setsockopt(Scratch scratch, int fd, int level, int name, long value, int length) {
        FfmScratch own = (FfmScratch) scratch;
        return Libc.setsockopt(own.errno, fd, level, name, MemorySegment.ofAddress(value), length) == 0 ? 0
                : -own.errno();
    }

    @Override
    public int getsockname(Scratch scratch, int fd, long name, long lengthAddress) {
        FfmScratch own = (FfmScratch) scratch;
        return Libc.getsockname(own.errno, fd, MemorySegment.ofAddress(name), MemorySegment.ofAddress(lengthAddress))
                == 0 ? 0 : -own.errno();
    }

    @Override
    public int getpeername(Scratch scratch, int fd, long name, long lengthAddress) {
        FfmScratch own = (FfmScratch) scratch;
        return Libc.getpeername(own.errno, fd, MemorySegment.ofAddress(name), MemorySegment.ofAddress(lengthAddress))
                == 0 ? 0 : -own.errno();
    }

    @Override
    public int ioctl(Scratch scratch, int fd, long request, long argument) {
        FfmScratch own = (FfmScratch) scratch;
        return Libc.ioctl(own.errno, fd, request, MemorySegment.ofAddress(argument)) < 0 ? -own.errno() : 0;
    }
}
