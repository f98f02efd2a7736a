package dev.uds.linux;

import dev.uds.SocketType;
import dev.uds.internal.Errors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Taking a descriptor number as a socket: an inherited one ({@link dev.uds.UnixDomain#adopt(int)})
 * or a received one ({@link dev.uds.ReceivedDescriptor#adoptAsSocket()}). The number must be an
 * AF_UNIX socket ({@code SO_DOMAIN}), of the expected type ({@code SO_TYPE}) and, if asked,
 * listening ({@code SO_ACCEPTCONN}): the questions {@code sd_is_socket_unix(3)} asks. A number
 * that fails them is left as it was, open and not taken, and the message says what it is.
 */
public final class Adoption {
    /** The families an inherited descriptor is most likely to be, by number, for messages. */
    private static final Map<Integer, String> FAMILIES = Map.of(1, "AF_UNIX", 2, "AF_INET", 10, "AF_INET6",
            16, "AF_NETLINK", 17, "AF_PACKET", 40, "AF_VSOCK");

    private Adoption() {
    }

    /**
     * Checks an inherited number and makes it a uds socket's: close-on-exec ({@code FIOCLEX}),
     * before anything else can fork, so that a process started later does not inherit it; and
     * blocking ({@code FIONBIO}), as every uds socket is, since a parent may pass one
     * non-blocking (systemd's {@code NonBlocking=yes}).
     *
     * @param fd        the number
     * @param expected  the type it must have, or null for any
     * @param listening whether a STREAM or SEQPACKET socket must be listening
     * @param calls     the backend's binding
     * @return the socket's type; the caller's socket owns the number from then on
     * @throws IllegalArgumentException for a negative number
     * @throws IOException              as {@link #check}, or if an ioctl fails
     */
    public static SocketType take(int fd, SocketType expected, boolean listening, Syscalls calls) throws IOException {
        String label = "fd " + fd;
        SocketType type = check(fd, expected, listening, label, calls);
        int errno = calls.ioctl(fd, Linux.FIOCLEX, null);
        if (errno != 0) {
            throw Errors.exception("adopt: ioctl FIOCLEX", label, errno);
        }
        ByteBuffer blocking = ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder()).putInt(0, 0);
        errno = calls.ioctl(fd, Linux.FIONBIO, blocking);
        if (errno != 0) {
            throw Errors.exception("adopt: ioctl FIONBIO", label, errno);
        }
        return type;
    }

    /**
     * Checks a number before it is taken.
     *
     * @param fd        the number
     * @param expected  the type it must have, or null for any
     * @param listening whether it must be listening ({@code SO_ACCEPTCONN}); ignored for DGRAM,
     *                  which never listens
     * @param label     what the number is, for messages, such as {@code "fd 3"}
     * @param calls     the backend's binding
     * @return the socket's type
     * @throws IllegalArgumentException for a negative number
     * @throws IOException              naming the number and what it is: {@code EBADF} for no
     *                                  open descriptor, {@code ENOTSOCK}, {@code EAFNOSUPPORT} for
     *                                  another family, {@code ESOCKTNOSUPPORT} for a type uds does
     *                                  not know, {@code EPROTOTYPE} for another type,
     *                                  {@code EINVAL} for a socket that is not listening
     */
    public static SocketType check(int fd, SocketType expected, boolean listening, String label, Syscalls calls)
            throws IOException {
        if (fd < 0) {
            throw new IllegalArgumentException("a descriptor number is not negative: " + fd);
        }
        long domain = calls.intOption(fd, Linux.SO_DOMAIN);
        if (domain < 0) {
            int errno = (int) -domain;
            throw Errors.exception("adopt", label, errno, errno == Linux.EBADF
                    ? "no descriptor of that number is open" : label + " is " + describe(fd));
        }
        if (domain != Linux.AF_UNIX) {
            throw Errors.exception("adopt", label, Linux.EAFNOSUPPORT, label + " is a socket of "
                    + FAMILIES.getOrDefault((int) domain, "family " + domain) + ", not AF_UNIX");
        }
        long kernelType = calls.intOption(fd, Linux.SO_TYPE);
        if (kernelType < 0) {
            throw Errors.exception("adopt: getsockopt SO_TYPE", label, (int) -kernelType);
        }
        SocketType type = Linux.socketType((int) kernelType);
        if (type == null) {
            throw Errors.exception("adopt", label, Linux.ESOCKTNOSUPPORT,
                    label + " is an AF_UNIX socket of type " + kernelType + ", none of " + List.of(SocketType.values()));
        }
        if (expected != null && type != expected) {
            throw Errors.exception("adopt", label, Linux.EPROTOTYPE, label + " is a " + type + " socket, not " + expected);
        }
        if (listening && type.isConnectionOriented()) {
            long accepting = calls.intOption(fd, Linux.SO_ACCEPTCONN);
            if (accepting < 0) {
                throw Errors.exception("adopt: getsockopt SO_ACCEPTCONN", label, (int) -accepting);
            }
            if (accepting == 0) {
                throw Errors.exception("adopt", label, Linux.EINVAL,
                        label + " is a " + type + " socket that is not listening (a connection, or not yet listen(2)ed)");
            }
        }
        return type;
    }

    /**
     * Whether a number is an AF_UNIX socket ({@link dev.uds.ReceivedDescriptor#isUnixSocket()}).
     *
     * @param fd    the number
     * @param label what it is, for messages
     * @param calls the backend's binding
     * @return false for a socket of another family or anything that is not a socket
     * @throws IOException if {@code SO_DOMAIN} cannot be read for another reason
     */
    public static boolean isUnixSocket(int fd, String label, Syscalls calls) throws IOException {
        long domain = calls.intOption(fd, Linux.SO_DOMAIN);
        if (domain == -Linux.ENOTSOCK) {
            return false;
        }
        if (domain < 0) {
            throw Errors.exception("getsockopt SO_DOMAIN", label, (int) -domain);
        }
        return domain == Linux.AF_UNIX;
    }

    /** What {@code /proc/self/fd} says the descriptor is, such as {@code pipe:[1234]} or a file's path. */
    private static String describe(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "not a socket";
        }
    }
}
