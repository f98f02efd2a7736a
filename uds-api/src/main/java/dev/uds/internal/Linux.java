package dev.uds.internal;

import dev.uds.AddressTooLongException;
import dev.uds.Errno;
import dev.uds.OpenFile;
import dev.uds.UnixAddress;
import dev.uds.UnixSocketOption;
import java.nio.charset.Charset;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * The facts of Linux's socket ABI that the native backends share: constants of the generic
 * tables used by x86_64 and aarch64, the encoding of file names, the {@code sun_path} format
 * of unix(7), and how an {@link OpenFile}'s options become {@code open(2)} flags. Struct layouts
 * stay with each backend, which reads them from its own binding.
 */
public final class Linux {
    private Linux() {
    }

    /** The encoding the JDK turns file names into bytes with, for the kernel. */
    public static final Charset FILE_NAME_ENCODING = Charset.forName(
            System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));

    // socket(2), socketpair(2)
    public static final int AF_UNIX = 1;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_SEQPACKET = 5;
    public static final int SOCK_CLOEXEC = 0x80000;

    // getsockopt(2), setsockopt(2): socket(7), unix(7)
    public static final int SOL_SOCKET = 1;
    public static final int SO_TYPE = 3;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_PASSCRED = 16;
    public static final int SO_PEERCRED = 17;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_ACCEPTCONN = 30;
    public static final int SO_PEERSEC = 31;
    public static final int SO_SNDTIMEO = 21;
    public static final int SO_DOMAIN = 39;
    public static final int SO_PEEK_OFF = 42;
    public static final int SO_PEERPIDFD = 77;

    // Ancillary message types at SOL_SOCKET
    public static final int SCM_RIGHTS = 1;
    public static final int SCM_CREDENTIALS = 2;

    // send(2), recv(2) flags
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_CTRUNC = 0x8;
    public static final int MSG_TRUNC = 0x20;
    /** Non-blocking for one call only: how virtual threads send and receive on a blocking socket. */
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final int MSG_CMSG_CLOEXEC = 0x40000000;

    // shutdown(2)
    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;

    /** ioctl(2) for the bytes waiting to be read; FIONREAD has the same number. */
    public static final long SIOCINQ = 0x541B;
    /** ioctl(2) that sets close-on-exec, as {@code fcntl(F_SETFD, FD_CLOEXEC)} does, in one call. */
    public static final long FIOCLEX = 0x5451;
    /** ioctl(2) that sets or clears O_NONBLOCK (an int, 0 for blocking), as fcntl(F_SETFL) does. */
    public static final long FIONBIO = 0x5421;

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
    public static final int ENOPROTOOPT = Errno.ENOPROTOOPT.number();
    /** getsockopt(2) with too small a buffer for SO_PEERSEC; not in {@link Errno}'s table. */
    public static final int ERANGE = 34;
    public static final int EMSGSIZE = Errno.EMSGSIZE.number();
    public static final int EAFNOSUPPORT = Errno.EAFNOSUPPORT.number();
    public static final int ENOTCONN = Errno.ENOTCONN.number();

    /** The size of {@code sun_path}: {@link UnixAddress#SUN_PATH_SIZE}. */
    public static final int SUN_PATH_SIZE = UnixAddress.SUN_PATH_SIZE;

    /**
     * What to write into {@code sun_path} for an address; the address length to pass is the
     * offset of {@code sun_path} plus this length. A pathname ends with its NUL; an abstract
     * name starts with a NUL and has nothing after its last byte (trailing bytes would be part
     * of the name); the unnamed address is empty: the family alone, which autobinds on bind.
     *
     * @param address the address
     * @return the bytes, at most {@link #SUN_PATH_SIZE}
     */
    public static byte[] sunPath(UnixAddress address) {
        if (address instanceof UnixAddress.Pathname pathname) {
            return Arrays.copyOf(pathname.bytes(), pathname.length() + 1);
        }
        if (address instanceof UnixAddress.Abstract name) {
            byte[] bytes = new byte[name.length() + 1];
            System.arraycopy(name.name(), 0, bytes, 1, name.length());
            return bytes;
        }
        return new byte[0];
    }

    /**
     * Reads {@code sun_path} as the kernel returned it, with the care unix(7)'s BUGS section asks
     * for: the returned length is the truth, and a pathname may fill {@code sun_path} with no
     * terminating NUL.
     *
     * @param sunPath the bytes of {@code sun_path}, at least {@code length} of them
     * @param length  the returned address length less the offset of {@code sun_path}, already
     *                clipped to the buffer the call was given
     * @return the address
     * @throws AddressTooLongException if a pathname fills {@code sun_path} with no NUL: it could
     *                                 not be used as an address again
     */
    public static UnixAddress fromSunPath(byte[] sunPath, int length) {
        if (length <= 0) {
            return UnixAddress.unnamed();
        }
        if (sunPath[0] == 0) {
            return UnixAddress.abstractName(Arrays.copyOfRange(sunPath, 1, length));
        }
        int end = 0;
        while (end < length && end < SUN_PATH_SIZE && sunPath[end] != 0) {
            end++;
        }
        // The bytes themselves: decoding them and encoding the text again would change a path that
        // is not valid in the encoding (a C program's, say), and could make it longer than sun_path.
        return UnixAddress.of(Arrays.copyOf(sunPath, end));
    }

    /**
     * The {@code SOL_SOCKET} option name for a uds option.
     *
     * @param option the option
     * @return its {@code SO_} constant
     */
    public static int optionName(UnixSocketOption<?> option) {
        if (option == UnixSocketOption.RECEIVE_TIMEOUT) {
            return SO_RCVTIMEO;
        } else if (option == UnixSocketOption.SEND_TIMEOUT) {
            return SO_SNDTIMEO;
        } else if (option == UnixSocketOption.SEND_BUFFER_SIZE) {
            return SO_SNDBUF;
        } else if (option == UnixSocketOption.RECEIVE_BUFFER_SIZE) {
            return SO_RCVBUF;
        } else if (option == UnixSocketOption.PASS_CREDENTIALS) {
            return SO_PASSCRED;
        } else if (option == UnixSocketOption.PEEK_OFFSET) {
            return SO_PEEK_OFF;
        }
        throw new IllegalArgumentException("unknown option " + option);
    }

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
