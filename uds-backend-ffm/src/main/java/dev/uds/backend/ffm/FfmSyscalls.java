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
}
