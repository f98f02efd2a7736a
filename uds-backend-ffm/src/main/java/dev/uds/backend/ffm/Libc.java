package dev.uds.backend.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Every libc function this backend calls on sockets, files and descriptors, as a downcall handle,
 * and nothing else; those that wait for readiness ({@code poll}, {@code epoll}, {@code eventfd},
 * {@code fcntl}) are in {@link LibcReadiness}, made by {@link #handle} here.
 *
 * <p>Each method is the raw call: it returns what libc returns ({@code -1} on failure) and leaves
 * {@code errno} in the capture segment its first argument names ({@link FfmScratch#errno}), which
 * the caller reads with {@link #errno(MemorySegment)}. Capturing errno at the call is the only
 * reliable way: the JVM may run code that changes the thread's errno between two downcalls.
 *
 * <p>Only {@link #sendToNow} and {@link #recvFromNow} use {@code Linker.Option.critical}, which
 * leaves out the thread-state transitions around the call: their callers pass
 * {@code MSG_DONTWAIT} and at most {@link #NOW_LIMIT} bytes of memory that is not a mapped
 * file, so the call cannot block, sleep on a page fault or run long, and the garbage collector,
 * which cannot stop the thread for the call's duration, waits at most a few microseconds. Every
 * other call can block, and a critical call that blocks would stall the garbage collector.
 */
final class Libc {
    private Libc() {
    }

    /** The layout of the capture segment; {@link FfmScratch} allocates one per thread. */
    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET =
            CAPTURE_LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SOCKETPAIR = handle("socketpair",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle BIND = handle("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CONNECT = handle("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle LISTEN = handle("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle ACCEPT4 = handle("accept4",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    // send(2) and recv(2) are made as the sendto and recvfrom system calls through syscall(2), not
    // through glibc's send() and recv(). Those are cancellation points: in a process with more than
    // one thread (every JVM) glibc switches the thread's cancellation type on and off around each
    // call, two atomic operations that took 6% of the selfloop benchmark's time (perf, cpu-clock).
    // Java never cancels a thread with pthread_cancel, so the switch buys nothing here. syscall(2)
    // sets errno the same way. Every argument goes as a 64-bit integer, as the kernel reads them:
    // the data pointer too, so the hot path needs no MemorySegment for the caller's buffer, whose
    // allocation the JIT does not always remove (FfmScratch#addressOf).
    private static final FunctionDescriptor SYSCALL6_DESCRIPTOR =
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle SYSCALL6 = handle("syscall", SYSCALL6_DESCRIPTOR, Linker.Option.firstVariadicArg(1));
    // The same call as a critical function (see the class comment), for calls that cannot block.
    private static final MethodHandle SYSCALL6_NOW = handle("syscall", SYSCALL6_DESCRIPTOR,
            Linker.Option.firstVariadicArg(1), Linker.Option.critical(false));
    /**
     * The most bytes {@link #sendToNow} and {@link #recvFromNow} may be given: one STREAM chunk, whose
     * copy in the kernel takes microseconds.
     */
    static final int NOW_LIMIT = 64 * 1024;
    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));
    // The system call numbers of asm/unistd.h: x86_64 has its own table, aarch64 the generic one.
    private static final long SYS_SENDTO = AARCH64 ? 206 : 44;
    private static final long SYS_RECVFROM = AARCH64 ? 207 : 45;
    private static final MethodHandle SENDMSG = handle("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECVMSG = handle("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SHUTDOWN = handle("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = handle("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETPEERNAME = handle("getpeername",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKOPT = handle("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT = handle("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    // ioctl(2) and open(2) are variadic: the third argument is passed as a variadic one.
    private static final MethodHandle IOCTL = handle("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle OPEN = handle("open",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    // read(2) and write(2) take the buffer as a 64-bit integer, as send and recv do: the core hands addresses.
    private static final MethodHandle READ = handle("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle WRITE = handle("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    @SuppressWarnings("restricted") // this backend exists to call libc; users grant it native access
    static MethodHandle handle(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        MemorySegment symbol = LIBC.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name + "()"));
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** The errno the last call through {@code capture} left. */
    static int errno(MemorySegment capture) {
        return capture.get(JAVA_INT, ERRNO_OFFSET);
    }

    /** A downcall handle threw: only a bug in this class (a wrong signature) can cause it. */
    static AssertionError linkageBug(Throwable t) {
        return new AssertionError("downcall failed: " + t, t);
    }

    static int socket(MemorySegment capture, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(capture, domain, type, protocol);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static int socketpair(MemorySegment capture, int domain, int type, int protocol, long fds) {
        try {
            return (int) SOCKETPAIR.invokeExact(capture, domain, type, protocol, fds);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static int bind(MemorySegment capture, int fd, long address, int length) {
        try {
            return (int) BIND.invokeExact(capture, fd, address, length);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static int connect(MemorySegment capture, int fd, long address, int length) {
        try {
            return (int) CONNECT.invokeExact(capture, fd, address, length);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static int listen(MemorySegment capture, int fd, int backlog) {
        try {
            return (int) LISTEN.invokeExact(capture, fd, backlog);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static int accept4(MemorySegment capture, int fd, MemorySegment address, MemorySegment length, int flags) {
        try {
            return (int) ACCEPT4.invokeExact(capture, fd, address, length, flags);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    // send(2) and recv(2) are sendto(2) and recvfrom(2) with no address (0, 0), through syscall(2)
    // (see SYSCALL6); an address and its length are native memory of the thread's scratch.

    /** sendto(2) to the {@code sockaddr} at {@code address}, {@code addressLength} bytes long. */
    static long sendTo(MemorySegment capture, int fd, long buffer, long length, int flags, long address,
            long addressLength) {
        try {
            return (long) SYSCALL6.invokeExact(capture, SYS_SENDTO, (long) fd, buffer, length, (long) flags, address,
                    addressLength);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    /** As {@link #sendTo}, as a critical call, on the terms of the class comment. */
    static long sendToNow(MemorySegment capture, int fd, long buffer, long length, int flags, long address,
            long addressLength) {
        try {
            return (long) SYSCALL6_NOW.invokeExact(capture, SYS_SENDTO, (long) fd, buffer, length, (long) flags,
                    address, addressLength);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    /** recvfrom(2), the sender written at {@code address}, its length at {@code addressLength} (in and out). */
    static long recvFrom(MemorySegment capture, int fd, long buffer, long length, int flags, long address,
            long addressLength) {
        try {
            return (long) SYSCALL6.invokeExact(capture, SYS_RECVFROM, (long) fd, buffer, length, (long) flags, address,
                    addressLength);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    /** As {@link #recvFrom}, as a critical call, on the terms of the class comment. */
    static long recvFromNow(MemorySegment capture, int fd, long buffer, long length, int flags, long address,
            long addressLength) {
        try {
            return (long) SYSCALL6_NOW.invokeExact(capture, SYS_RECVFROM, (long) fd, buffer, length, (long) flags,
                    address, addressLength);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static long sendmsg(MemorySegment capture, int fd, long msghdr, int flags) {
        try {
            return (long) SENDMSG.invokeExact(capture, fd, msghdr, flags);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static long recvmsg(MemorySegment capture, int fd, long msghdr, int flags) {
        try {
            return (long) RECVMSG.invokeExact(capture, fd, msghdr, flags);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static int shutdown(MemorySegment capture, int fd, int how) {
        try {
            return (int) SHUTDOWN.invokeExact(capture, fd, how);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static int close(MemorySegment capture, int fd) {
        try {
            return (int) CLOSE.invokeExact(capture, fd);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static int getsockname(MemorySegment capture, int fd, MemorySegment address, MemorySegment length) {
        try {
            return (int) GETSOCKNAME.invokeExact(capture, fd, address, length);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static int getpeername(MemorySegment capture, int fd, MemorySegment address, MemorySegment length) {
        try {
            return (int) GETPEERNAME.invokeExact(capture, fd, address, length);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static int getsockopt(MemorySegment capture, int fd, int level, int name, MemorySegment value, MemorySegment length) {
        try {
            return (int) GETSOCKOPT.invokeExact(capture, fd, level, name, value, length);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static int setsockopt(MemorySegment capture, int fd, int level, int name, MemorySegment value, int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(capture, fd, level, name, value, length);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static int ioctl(MemorySegment capture, int fd, long request, MemorySegment argument) {
        try {
            return (int) IOCTL.invokeExact(capture, fd, request, argument);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static int open(MemorySegment capture, long path, int flags, int mode) {
        try {
            return (int) OPEN.invokeExact(capture, path, flags, mode);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static long read(MemorySegment capture, int fd, long buffer, long length) {
        try {
            return (long) READ.invokeExact(capture, fd, buffer, length);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    static long write(MemorySegment capture, int fd, long buffer, long length) {
        try {
            return (long) WRITE.invokeExact(capture, fd, buffer, length);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    // ---- Message batches: sendmmsg(2) and recvmmsg(2), through syscall(2) as send and recv are ----

    private static final long SYS_SENDMMSG = AARCH64 ? 269 : 307;
    private static final long SYS_RECVMMSG = AARCH64 ? 243 : 299;

    /** sendmmsg(2), an ordinary call that may block. */
    static long sendmmsg(MemorySegment capture, int fd, long vector, int count, int flags) {
        try {
            return (long) SYSCALL6.invokeExact(capture, SYS_SENDMMSG, (long) fd, vector, (long) count, (long) flags, 0L, 0L);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    /** recvmmsg(2) with no timeout (NULL), an ordinary call that may block. */
    static long recvmmsg(MemorySegment capture, int fd, long vector, int count, int flags) {
        try {
            return (long) SYSCALL6.invokeExact(capture, SYS_RECVMMSG, (long) fd, vector, (long) count, (long) flags, 0L, 0L);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    /**
     * sendmmsg(2) that must not wait, as a critical call, on the terms of {@link #sendToNow}: at
     * most {@link #NOW_LIMIT} bytes in all.
     */
    static long sendmmsgNow(MemorySegment capture, int fd, long vector, int count, int flags) {
        try {
            return (long) SYSCALL6_NOW.invokeExact(capture, SYS_SENDMMSG, (long) fd, vector, (long) count, (long) flags, 0L, 0L);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }

    /** recvmmsg(2) that must not wait, as a critical call, on the terms of {@link #sendmmsgNow}. */
    static long recvmmsgNow(MemorySegment capture, int fd, long vector, int count, int flags) {
        try {
            return (long) SYSCALL6_NOW.invokeExact(capture, SYS_RECVMMSG, (long) fd, vector, (long) count, (long) flags, 0L, 0L);
        } catch (Throwable t) {
            throw linkageBug(t);
        }
    }
}
