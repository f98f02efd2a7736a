package dev.uds.linux;

import dev.uds.Errno;
import dev.uds.OpenFile;
import dev.uds.SocketType;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The constants of Linux's socket ABI that the native backends share (the generic tables used by
 * x86_64 and aarch64), and how an {@link OpenFile}'s options become {@code open(2)} flags. Struct
 * layouts are in {@link Structs}, the {@code sun_path} format in {@link Sockaddr}, the options in
 * {@link SocketOptions}.
 */
public final class Linux {
    private Linux() {
    }

    // socket(2), socketpair(2)
    public static final int AF_UNIX = 1;
    /** connect(2) to a sockaddr of this family dissolves a DGRAM association. */
    public static final int AF_UNSPEC = 0;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_SEQPACKET = 5;
    public static final int SOCK_CLOEXEC = 0x80000;
    /** {@code fcntl(2)}: get the file status flags. */
    public static final int F_GETFL = 3;
    /** {@code fcntl(2)}: set them. */
    public static final int F_SETFL = 4;
    /** The status flag of a non-blocking descriptor. */
    public static final int O_NONBLOCK = 0x800;

    /**
     * The {@code SOCK_} type of a socket type.
     *
     * @param type the type
     * @return its constant
     */
    public static int socketType(SocketType type) {
        switch (type) {
            case STREAM:
                return SOCK_STREAM;
            case DGRAM:
                return SOCK_DGRAM;
            default:
                return SOCK_SEQPACKET;
        }
    }

    /**
     * The socket type of a {@code SO_TYPE} value.
     *
     * @param type the value
     * @return the type, or null for one uds does not know
     */
    public static SocketType socketType(int type) {
        return type == SOCK_STREAM ? SocketType.STREAM
                : type == SOCK_DGRAM ? SocketType.DGRAM
                : type == SOCK_SEQPACKET ? SocketType.SEQPACKET : null;
    }

    // getsockopt(2), setsockopt(2): socket(7), unix(7)
    public static final int SOL_SOCKET = 1;
    public static final int SO_TYPE = 3;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_PASSCRED = 16;
    public static final int SO_PEERCRED = 17;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_SNDTIMEO = 21;
    public static final int SO_ACCEPTCONN = 30;
    public static final int SO_PEERSEC = 31;
    public static final int SO_PASSSEC = 34;
    public static final int SO_DOMAIN = 39;
    public static final int SO_PEEK_OFF = 42;
    /** Linux 6.5+. */
    public static final int SO_PEERPIDFD = 77;

    // Ancillary message types at SOL_SOCKET
    public static final int SCM_RIGHTS = 1;
    public static final int SCM_CREDENTIALS = 2;
    public static final int SCM_SECURITY = 3;
    /** Linux 6.5+, with SO_PASSPIDFD on: the sender's pidfd (the glibc headers of Debian 12 lack it). */
    public static final int SCM_PIDFD = 4;

    // send(2), recv(2) flags
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_CTRUNC = 0x8;
    public static final int MSG_TRUNC = 0x20;
    /** Non-blocking for one call only: how virtual threads send and receive on a blocking socket. */
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final int MSG_CMSG_CLOEXEC = 0x40000000;
    /** recvmmsg(2): wait for the first message only, then take what is queued (Linux 2.6.34). */
    public static final int MSG_WAITFORONE = 0x10000;

    // shutdown(2)
    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;

    /** ioctl(2) for the bytes waiting to be read; FIONREAD has the same number. */
    public static final long SIOCINQ = 0x541B;
    /** ioctl(2) that sets close-on-exec, as {@code fcntl(F_SETFD, FD_CLOEXEC)} does, in one call; no argument. */
    public static final long FIOCLEX = 0x5451;
    /** ioctl(2) that sets or clears O_NONBLOCK (an int, 0 for blocking), as fcntl(F_SETFL) does. */
    public static final long FIONBIO = 0x5421;

    /** poll(2): data to read; a pidfd is readable once its process has exited. */
    public static final short POLLIN = 0x1;
    /** poll(2): the peer shut down its writing side, or this side its reading. */
    public static final short POLLRDHUP = 0x2000;
    /** poll(2): both sides are shut down, or the peer closed. */
    public static final short POLLHUP = 0x10;

    /**
     * Whether poll(2)'s {@code revents} say no more data can come: how a receive of 0 bytes is
     * told apart from an empty DGRAM or SEQPACKET message.
     *
     * @param revents the events poll(2) returned for {@link #POLLRDHUP}
     * @return true at end of stream
     */
    public static boolean readSideShutDown(short revents) {
        return (revents & (POLLRDHUP | POLLHUP)) != 0;
    }

    // open(2)
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0x40;
    public static final int O_TRUNC = 0x200;
    public static final int O_APPEND = 0x400;
    public static final int O_CLOEXEC = 0x80000;

    // The errno values the backends act on; the numbers live in Errno.
    public static final int EINTR = Errno.EINTR.number();
    public static final int EAGAIN = Errno.EAGAIN.number();
    public static final int EEXIST = Errno.EEXIST.number();
    public static final int EINVAL = Errno.EINVAL.number();
    public static final int ENOTSOCK = Errno.ENOTSOCK.number();
    public static final int EMSGSIZE = Errno.EMSGSIZE.number();
    public static final int EAFNOSUPPORT = Errno.EAFNOSUPPORT.number();
    public static final int ENOTCONN = Errno.ENOTCONN.number();
    public static final int EPERM = Errno.EPERM.number();
    public static final int EOPNOTSUPP = Errno.EOPNOTSUPP.number();
    public static final int EBADF = Errno.EBADF.number();
    public static final int EPROTOTYPE = Errno.EPROTOTYPE.number();
    public static final int ENOPROTOOPT = Errno.ENOPROTOOPT.number();
    public static final int ESOCKTNOSUPPORT = Errno.ESOCKTNOSUPPORT.number();
    // Not in Errno's table: only the peer-identity calls meet them, and never report them as such.
    /** getsockopt(SO_PEERPIDFD): the peer process has exited and been reaped. */
    public static final int ESRCH = 3;
    /** getsockopt(SO_PEERSEC): the buffer is too small for the label. */
    public static final int ERANGE = 34;
    /** getsockopt(SO_PEERPIDFD): the socket has no peer. */
    public static final int ENODATA = 61;

    /**
     * The {@code open(2)} flags for a file to pass: always close-on-exec.
     *
     * @param file the file and its options
     * @return the flags
     */
    public static int openFlags(OpenFile file) {
        List<OpenOption> options = file.options();
        boolean read = options.contains(StandardOpenOption.READ);
        boolean write = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        return O_CLOEXEC
                | (read && write ? O_RDWR : write ? O_WRONLY : O_RDONLY)
                | (options.contains(StandardOpenOption.APPEND) ? O_APPEND : 0)
                | (options.contains(StandardOpenOption.CREATE) ? O_CREAT : 0)
                | (options.contains(StandardOpenOption.TRUNCATE_EXISTING) ? O_TRUNC : 0);
    }
}
