package dev.uds.backend.ffm;

import dev.uds.linux.Syscalls;

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
}
