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

    // ---- Message batches ----

    /**
     * {@code sendmmsg(2)}, an ordinary call that may block.
     *
     * @param fd     the descriptor
     * @param vector the address of the first {@code struct mmsghdr}
     * @param count  how many
     * @param flags  the flags
     * @return the number of messages sent, or minus the errno
     */
    long sendmmsg(int fd, long vector, int count, int flags);

    /**
     * {@code recvmmsg(2)} with no timeout, an ordinary call that may block.
     *
     * @param fd     the descriptor
     * @param vector the address of the first {@code struct mmsghdr}
     * @param count  how many at most
     * @param flags  the flags
     * @return the number of messages received, or minus the errno
     */
    long recvmmsg(int fd, long vector, int count, int flags);
}
