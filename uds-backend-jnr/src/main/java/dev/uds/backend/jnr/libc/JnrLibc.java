package dev.uds.backend.jnr.libc;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import jnr.ffi.Runtime;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * Every libc function the backend calls, bound by jnr-ffi. Pointers are passed as addresses
 * ({@code @intptr_t long}) into native memory the backend owns (its {@code JnrScratch}), so that a
 * call boxes nothing and allocates nothing on the Java heap. Callers check the result and read
 * {@link #errno()} themselves.
 *
 * <p>The interface is public, and this package alone is opened (not exported), because jnr-ffi
 * implements it with a class it defines in a class loader of its own, whose unnamed module must
 * be able to access it; nothing else lives in this package.
 */
public interface JnrLibc {

    /** The bound functions, loaded once. */
    JnrLibc C = LibraryLoader.create(JnrLibc.class).load(Platform.getNativePlatform().getStandardCLibraryName());

    /** The jnr runtime of {@link #C}, through which errno is read. */
    Runtime RUNTIME = Runtime.getRuntime(C);

    /**
     * The errno the last call of this thread left.
     *
     * @return the error number
     */
    static int errno() {
        return LastError.getLastError(RUNTIME);
    }

    int socket(int domain, int type, int protocol);

    int socketpair(int domain, int type, int protocol, long pair);

    int bind(int fd, @intptr_t long address, int length);

    int connect(int fd, @intptr_t long address, int length);

    int listen(int fd, int backlog);

    int accept4(int fd, @intptr_t long address, @intptr_t long length, int flags);

    int getsockname(int fd, @intptr_t long address, @intptr_t long length);

    int getpeername(int fd, @intptr_t long address, @intptr_t long length);

    @ssize_t long send(int fd, @intptr_t long buffer, @size_t long length, int flags);

    @ssize_t long recv(int fd, @intptr_t long buffer, @size_t long length, int flags);

    @ssize_t long sendmsg(int fd, @intptr_t long message, int flags);

    @ssize_t long recvmsg(int fd, @intptr_t long message, int flags);

    @ssize_t long read(int fd, @intptr_t long buffer, @size_t long length);

    @ssize_t long write(int fd, @intptr_t long buffer, @size_t long length);

    int shutdown(int fd, int how);

    int close(int fd);

    int setsockopt(int fd, int level, int name, @intptr_t long value, int length);

    int getsockopt(int fd, int level, int name, @intptr_t long value, @intptr_t long length);

    int ioctl(int fd, long request, @intptr_t long argument);

    int poll(@intptr_t long fds, long count, int timeoutMillis);

    int open(@intptr_t long path, int flags, int mode);

    int fcntl(int fd, int command, int argument);

    // ---- Message batches ----

    int sendmmsg(int fd, @intptr_t long vector, int count, int flags);

    int recvmmsg(int fd, @intptr_t long vector, int count, int flags, @intptr_t long timeout);
}
