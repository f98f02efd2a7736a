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
}
