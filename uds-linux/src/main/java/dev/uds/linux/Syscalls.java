package dev.uds.linux;

/**
 * The system calls the core makes itself, bound by each backend (FFM downcalls, jnr-ffi). Each
 * returns 0 on success or the errno of the failure, so that the core never reads a thread's
 * errno through a binding it does not know.
 */
public interface Syscalls {

    /**
     * {@code close(2)}.
     *
     * @param fd the descriptor
     * @return 0, or the errno
     */
    int close(int fd);

    /**
     * {@code shutdown(2)}.
     *
     * @param fd  the descriptor
     * @param how {@link Linux#SHUT_RD}, {@link Linux#SHUT_WR} or {@link Linux#SHUT_RDWR}
     * @return 0, or the errno
     */
    int shutdown(int fd, int how);
}
