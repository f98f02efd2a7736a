package dev.uds.internal;

import dev.uds.Errno;
import dev.uds.SocketType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The checks before a backend takes an inherited descriptor number as a socket
 * ({@link dev.uds.UnixDomain#adopt(int)}), written once for every backend: the number must be an
 * AF_UNIX socket ({@code SO_DOMAIN}), of the expected type ({@code SO_TYPE}) and, if asked,
 * listening ({@code SO_ACCEPTCONN}), the same questions {@code sd_is_socket_unix(3)} asks. A
 * number that fails them is left as it was, open and not taken; the message says what it is.
 */
public final class Adoption {
    /** The families an inherited descriptor is most likely to be, by number, for messages. */
    private static final Map<Integer, String> FAMILIES = Map.of(1, "AF_UNIX", 2, "AF_INET", 10, "AF_INET6",
            16, "AF_NETLINK", 17, "AF_PACKET", 40, "AF_VSOCK");

    private Adoption() {
    }

    /**
     * {@code getsockopt(fd, SOL_SOCKET, name)} of an int option, through a backend's binding.
     */
    @FunctionalInterface
    public interface SocketOptionReader {
        /**
         * Reads one int option.
         *
         * @param fd   the descriptor
         * @param name the {@code SO_} option
         * @return the value (never negative for the options asked here), or minus the errno
         */
        long read(int fd, int name);
    }

    /**
     * Checks a descriptor before it is taken.
     *
     * @param fd        the number
     * @param expected  the type it must have, or null for any
     * @param listening whether it must be listening ({@code SO_ACCEPTCONN}); ignored for DGRAM,
     *                  which never listens
     * @param reader    the backend's {@code getsockopt}
     * @return the socket's type
     * @throws IllegalArgumentException for a negative number
     * @throws IOException              naming the number and what it is: {@code EBADF} for no
     *                                  open descriptor, {@code ENOTSOCK}, {@code EAFNOSUPPORT} for
     *                                  another family, {@code EPROTOTYPE} for another type,
     *                                  {@code EINVAL} for a socket that is not listening
     */
    public static SocketType check(int fd, SocketType expected, boolean listening, SocketOptionReader reader)
            throws IOException {
        if (fd < 0) {
            throw new IllegalArgumentException("a descriptor number is not negative: " + fd);
        }
        String label = "fd " + fd;
        long domain = reader.read(fd, Linux.SO_DOMAIN);
        if (domain < 0) {
            int errno = (int) -domain;
            throw Errors.exception("adopt", label, errno, errno == Errno.EBADF.number()
                    ? "no descriptor of that number is open" : label + " is " + describe(fd));
        }
        if (domain != Linux.AF_UNIX) {
            throw Errors.exception("adopt", label, Linux.EAFNOSUPPORT, label + " is a socket of "
                    + FAMILIES.getOrDefault((int) domain, "family " + domain) + ", not AF_UNIX");
        }
        long kernelType = reader.read(fd, Linux.SO_TYPE);
        if (kernelType < 0) {
            throw Errors.exception("adopt: getsockopt SO_TYPE", label, (int) -kernelType);
        }
        SocketType type = typeOf((int) kernelType);
        if (type == null) {
            throw Errors.exception("adopt", label, Errno.ESOCKTNOSUPPORT.number(),
                    label + " is an AF_UNIX socket of type " + kernelType + ", none of " + List.of(SocketType.values()));
        }
        if (expected != null && type != expected) {
            throw Errors.exception("adopt", label, Errno.EPROTOTYPE.number(),
                    label + " is a " + type + " socket, not " + expected);
        }
        if (listening && type.isConnectionOriented()) {
            long accepting = reader.read(fd, Linux.SO_ACCEPTCONN);
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

    private static SocketType typeOf(int kernelType) {
        switch (kernelType) {
            case Linux.SOCK_STREAM:
                return SocketType.STREAM;
            case Linux.SOCK_DGRAM:
                return SocketType.DGRAM;
            case Linux.SOCK_SEQPACKET:
                return SocketType.SEQPACKET;
            default:
                return null;
        }
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
