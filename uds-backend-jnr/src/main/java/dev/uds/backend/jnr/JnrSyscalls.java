package dev.uds.backend.jnr;

import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.linux.Syscalls;

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
}
