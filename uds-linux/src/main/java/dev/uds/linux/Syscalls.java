package dev.uds.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The system calls the core makes itself, bound by each backend (FFM downcalls, jnr-ffi). Each
 * returns its errno, as each method says, so that the core never reads a thread's errno through a
 * binding it does not know. Buffers are direct and in native order, as
 * every codec of the core uses them.
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

    /**
     * {@code getsockopt(fd, SOL_SOCKET, name)} into a buffer's remaining bytes; its position and
     * limit are left as they were.
     *
     * @param fd    the descriptor
     * @param name  the {@code SO_} option
     * @param value a direct buffer
     * @return the length the kernel wrote, or minus the errno
     */
    int getsockopt(int fd, int name, ByteBuffer value);

    /**
     * {@code ioctl(2)} with a pointer argument.
     *
     * @param fd       the descriptor
     * @param request  the request, such as {@link Linux#FIONBIO}
     * @param argument a direct buffer, passed at its position; null for none (a null pointer)
     * @return 0, or the errno
     */
    int ioctl(int fd, long request, ByteBuffer argument);

    /**
     * {@code poll(2)} of one descriptor.
     *
     * @param fd            the descriptor
     * @param events        the events asked for, such as {@link Linux#POLLIN}
     * @param timeoutMillis how long to wait; 0 not at all
     * @return the events that happened ({@code revents}, 0 for none), or minus the errno
     */
    int poll(int fd, short events, int timeoutMillis);

    /**
     * {@code getsockopt(fd, SOL_SOCKET, name)} of an int option, for the calls that are made once
     * per socket (adoption, a peer's pidfd): the buffer is made for the call. A backend may
     * answer from memory of its own.
     *
     * @param fd   the descriptor
     * @param name the {@code SO_} option
     * @return the value, or minus the errno (the options read this way are never negative)
     */
    default long intOption(int fd, int name) {
        ByteBuffer value = ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder());
        int length = getsockopt(fd, name, value);
        return length < 0 ? length : value.getInt(0);
    }

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
    // ---- Data: the flows of the core (Transfer, ...), on raw addresses ----

    /**
     * The calling thread's scratch, for the flows that are not handed one (a received
     * descriptor's read and write).
     *
     * @return the scratch
     */
    Scratch scratch();

    /**
     * {@code read(2)}, an ordinary call that may block.
     *
     * @param scratch the calling thread's scratch
     * @param fd      the descriptor
     * @param data    the address of the room
     * @param length  how many bytes fit
     * @return the bytes read, 0 at end of file, or minus the errno
     */
    long read(Scratch scratch, int fd, long data, long length);

    /**
     * {@code write(2)}, an ordinary call that may block.
     *
     * @param scratch the calling thread's scratch
     * @param fd      the descriptor
     * @param data    the address of the bytes
     * @param length  how many
     * @return the bytes written, or minus the errno
     */
    long write(Scratch scratch, int fd, long data, long length);

    /**
     * {@code sendto(2)}, an ordinary call that may block (unless {@code flags} has
     * {@link Linux#MSG_DONTWAIT}); with no name, it is {@code send(2)}.
     *
     * @param scratch    the calling thread's scratch (ffm captures errno there)
     * @param fd         the descriptor
     * @param data       the address of the bytes
     * @param length     how many
     * @param flags      the flags
     * @param name       the address of the target's {@code sockaddr_un}, or 0 for none
     * @param nameLength its length, or 0
     * @return the bytes sent, or minus the errno
     */
    long sendto(Scratch scratch, int fd, long data, long length, int flags, long name, long nameLength);

    /**
     * {@code recvfrom(2)}, an ordinary call that may block (unless {@code flags} has
     * {@link Linux#MSG_DONTWAIT}); with no name, it is {@code recv(2)}.
     *
     * @param scratch           the calling thread's scratch
     * @param fd                the descriptor
     * @param data              the address of the room
     * @param length            how many bytes fit
     * @param flags             the flags
     * @param name              the address of room for the sender's {@code sockaddr_un}, or 0 for none
     * @param nameLengthAddress the address of its {@code socklen_t}, the room in and the length out; or 0
     * @return the bytes received (a message's real length with {@link Linux#MSG_TRUNC}), or minus the errno
     */
    long recvfrom(Scratch scratch, int fd, long data, long length, int flags, long name, long nameLengthAddress);

    /**
     * The most bytes a first try ({@link #sendtoNow}, {@link #recvfromNow}) is given, or -1 for a
     * binding that makes none: ffm makes a critical call, cheaper than an ordinary one, before
     * the ordinary call that may wait.
     *
     * @return the limit, or -1
     */
    default int nowLimit() {
        return -1;
    }

    /**
     * A {@link #sendto} that cannot block ({@code flags} has {@link Linux#MSG_DONTWAIT}), of at
     * most {@link #nowLimit()} bytes of memory that maps no file, made the cheapest way the
     * binding has.
     *
     * @param scratch    the calling thread's scratch
     * @param fd         the descriptor
     * @param data       the address of the bytes
     * @param length     how many
     * @param flags      the flags, with {@link Linux#MSG_DONTWAIT}
     * @param name       as {@link #sendto}
     * @param nameLength as {@link #sendto}
     * @return the bytes sent, or minus the errno
     */
    default long sendtoNow(Scratch scratch, int fd, long data, long length, int flags, long name, long nameLength) {
        return sendto(scratch, fd, data, length, flags, name, nameLength);
    }

    /**
     * A {@link #recvfrom} that cannot block, as {@link #sendtoNow}.
     *
     * @param scratch           the calling thread's scratch
     * @param fd                the descriptor
     * @param data              the address of the room
     * @param length            how many bytes fit
     * @param flags             the flags, with {@link Linux#MSG_DONTWAIT}
     * @param name              as {@link #recvfrom}
     * @param nameLengthAddress as {@link #recvfrom}
     * @return the bytes received, or minus the errno
     */
    default long recvfromNow(Scratch scratch, int fd, long data, long length, int flags, long name,
            long nameLengthAddress) {
        return recvfrom(scratch, fd, data, length, flags, name, nameLengthAddress);
    }

    /**
     * {@code sendmsg(2)}, an ordinary call that may block (unless {@code flags} has
     * {@link Linux#MSG_DONTWAIT}).
     *
     * @param scratch the calling thread's scratch
     * @param fd      the descriptor
     * @param msghdr  the address of the {@code struct msghdr}
     * @param flags   the flags
     * @return the bytes sent, or minus the errno
     */
    long sendmsg(Scratch scratch, int fd, long msghdr, int flags);

    /**
     * {@code recvmsg(2)}, an ordinary call that may block (unless {@code flags} has
     * {@link Linux#MSG_DONTWAIT}).
     *
     * @param scratch the calling thread's scratch
     * @param fd      the descriptor
     * @param msghdr  the address of the {@code struct msghdr}
     * @param flags   the flags
     * @return the bytes received, or minus the errno
     */
    long recvmsg(Scratch scratch, int fd, long msghdr, int flags);

    /**
     * {@code socket(AF_UNIX, type, 0)}.
     *
     * @param type the {@code SOCK_} type, with {@code SOCK_CLOEXEC}
     * @return the descriptor, or minus the errno
     */
    int socket(int type);

    /**
     * {@code socketpair(AF_UNIX, type, 0, fds)}.
     *
     * @param scratch the calling thread's scratch
     * @param type    the {@code SOCK_} type, with {@code SOCK_CLOEXEC}
     * @param fds     the address of two ints, where the kernel writes the two descriptors
     * @return 0, or minus the errno
     */
    int socketpair(Scratch scratch, int type, long fds);

    /**
     * {@code open(2)}, of a file whose descriptor is to be passed.
     *
     * @param scratch the calling thread's scratch
     * @param path    the address of the path, NUL-terminated
     * @param flags   the flags, with {@code O_CLOEXEC}
     * @param mode    the mode of a file it creates
     * @return the descriptor, or minus the errno
     */
    int open(Scratch scratch, long path, int flags, int mode);

    /**
     * {@code connect(2)}, on a socket the caller made non-blocking for the call (AF_UNIX connects
     * at once, or fails with EAGAIN when the listener's backlog is full).
     *
     * @param scratch the calling thread's scratch
     * @param fd      the descriptor
     * @param name    the address of the {@code sockaddr_un} (or {@code AF_UNSPEC} to dissolve a DGRAM association)
     * @param length  its length
     * @return 0, or minus the errno
     */
    int connect(Scratch scratch, int fd, long name, int length);

    /**
     * {@code bind(2)}.
     *
     * @param scratch the calling thread's scratch
     * @param fd      the descriptor
     * @param name    the address of the {@code sockaddr_un}
     * @param length  its length
     * @return 0, or minus the errno
     */
    int bind(Scratch scratch, int fd, long name, int length);

    /**
     * {@code listen(2)}.
     *
     * @param fd      the descriptor
     * @param backlog the backlog
     * @return 0, or minus the errno
     */
    int listen(int fd, int backlog);

    /**
     * {@code fcntl(2)} with an int argument (or none).
     *
     * @param fd       the descriptor
     * @param command  {@link Linux#F_GETFL} or {@link Linux#F_SETFL}
     * @param argument the flags for {@code F_SETFL}, else 0
     * @return what the call returned, or minus the errno
     */
    int fcntl(int fd, int command, int argument);

    /**
     * {@code getsockopt(2)} at any level.
     *
     * @param scratch       the calling thread's scratch
     * @param fd            the descriptor
     * @param level         the level
     * @param name          the option
     * @param value         the address of the room for the value
     * @param lengthAddress the address of its {@code socklen_t}: the room in, the length out
     * @return 0, or minus the errno
     */
    int getsockopt(Scratch scratch, int fd, int level, int name, long value, long lengthAddress);

    /**
     * {@code setsockopt(2)} at any level.
     *
     * @param scratch the calling thread's scratch
     * @param fd      the descriptor
     * @param level   the level
     * @param name    the option
     * @param value   the address of the value
     * @param length  its length
     * @return 0, or minus the errno
     */
    int setsockopt(Scratch scratch, int fd, int level, int name, long value, int length);

    /**
     * {@code getsockname(2)}.
     *
     * @param scratch       the calling thread's scratch
     * @param fd            the descriptor
     * @param name          the address of the room for the {@code sockaddr_un}
     * @param lengthAddress the address of its {@code socklen_t}: the room in, the length out
     * @return 0, or minus the errno
     */
    int getsockname(Scratch scratch, int fd, long name, long lengthAddress);

    /**
     * {@code getpeername(2)}, as {@link #getsockname}.
     *
     * @param scratch       the calling thread's scratch
     * @param fd            the descriptor
     * @param name          the address of the room for the {@code sockaddr_un}
     * @param lengthAddress the address of its {@code socklen_t}
     * @return 0, or minus the errno
     */
    int getpeername(Scratch scratch, int fd, long name, long lengthAddress);

    /**
     * {@code ioctl(2)} with a pointer argument at an address.
     *
     * @param scratch  the calling thread's scratch
     * @param fd       the descriptor
     * @param request  the request, such as {@link Linux#SIOCINQ}
     * @param argument the address of the argument
     * @return 0, or minus the errno
     */
    int ioctl(Scratch scratch, int fd, long request, long argument);
}
