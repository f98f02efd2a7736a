package dev.uds;

import java.util.Optional;

/**
 * The Linux error numbers a socket call can fail with, with their symbols and
 * {@code strerror(3)} texts. The numbers are those of the kernel's generic table, shared by
 * x86_64 and aarch64.
 *
 * @see "errno(3)"
 */
public enum Errno {
    /** Operation not permitted. */
    EPERM(1, "Operation not permitted"),
    /** No such file or directory. */
    ENOENT(2, "No such file or directory"),
    /** Interrupted system call. */
    EINTR(4, "Interrupted system call"),
    /** Input/output error. */
    EIO(5, "Input/output error"),
    /** Bad file descriptor. */
    EBADF(9, "Bad file descriptor"),
    /** Resource temporarily unavailable (also {@code EWOULDBLOCK}). */
    EAGAIN(11, "Resource temporarily unavailable"),
    /** Cannot allocate memory. */
    ENOMEM(12, "Cannot allocate memory"),
    /** Permission denied. */
    EACCES(13, "Permission denied"),
    /** Bad address. */
    EFAULT(14, "Bad address"),
    /** File exists. */
    EEXIST(17, "File exists"),
    /** Not a directory. */
    ENOTDIR(20, "Not a directory"),
    /** Invalid argument. */
    EINVAL(22, "Invalid argument"),
    /** Too many open files in system. */
    ENFILE(23, "Too many open files in system"),
    /** Too many open files. */
    EMFILE(24, "Too many open files"),
    /** No space left on device. */
    ENOSPC(28, "No space left on device"),
    /** Read-only file system. */
    EROFS(30, "Read-only file system"),
    /** Broken pipe. */
    EPIPE(32, "Broken pipe"),
    /** File name too long. */
    ENAMETOOLONG(36, "File name too long"),
    /** Too many levels of symbolic links. */
    ELOOP(40, "Too many levels of symbolic links"),
    /** Socket operation on non-socket. */
    ENOTSOCK(88, "Socket operation on non-socket"),
    /** Destination address required. */
    EDESTADDRREQ(89, "Destination address required"),
    /** Message too long. */
    EMSGSIZE(90, "Message too long"),
    /** Protocol wrong type for socket. */
    EPROTOTYPE(91, "Protocol wrong type for socket"),
    /** Protocol not available. */
    ENOPROTOOPT(92, "Protocol not available"),
    /** Protocol not supported. */
    EPROTONOSUPPORT(93, "Protocol not supported"),
    /** Socket type not supported. */
    ESOCKTNOSUPPORT(94, "Socket type not supported"),
    /** Operation not supported. */
    EOPNOTSUPP(95, "Operation not supported"),
    /** Address family not supported by protocol. */
    EAFNOSUPPORT(97, "Address family not supported by protocol"),
    /** Address already in use. */
    EADDRINUSE(98, "Address already in use"),
    /** Cannot assign requested address. */
    EADDRNOTAVAIL(99, "Cannot assign requested address"),
    /** Software caused connection abort. */
    ECONNABORTED(103, "Software caused connection abort"),
    /** Connection reset by peer. */
    ECONNRESET(104, "Connection reset by peer"),
    /** No buffer space available. */
    ENOBUFS(105, "No buffer space available"),
    /** Transport endpoint is already connected. */
    EISCONN(106, "Transport endpoint is already connected"),
    /** Transport endpoint is not connected. */
    ENOTCONN(107, "Transport endpoint is not connected"),
    /** Cannot send after transport endpoint shutdown. */
    ESHUTDOWN(108, "Cannot send after transport endpoint shutdown"),
    /** Too many references: cannot splice (too many descriptors in flight). */
    ETOOMANYREFS(109, "Too many references: cannot splice"),
    /** Connection timed out. */
    ETIMEDOUT(110, "Connection timed out"),
    /** Connection refused. */
    ECONNREFUSED(111, "Connection refused"),
    /** Operation already in progress. */
    EALREADY(114, "Operation already in progress"),
    /** Operation now in progress. */
    EINPROGRESS(115, "Operation now in progress");

    private static final Errno[] BY_NUMBER = new Errno[116];

    static {
        for (Errno e : values()) {
            BY_NUMBER[e.number] = e;
        }
    }

    private final int number;
    private final String description;

    Errno(int number, String description) {
        this.number = number;
        this.description = description;
    }

    /**
     * The error number, as {@code errno} holds it.
     *
     * @return the number
     */
    public int number() {
        return number;
    }

    /**
     * The text {@code strerror(3)} gives in the C locale, such as {@code "Connection refused"}.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * The entry for an error number.
     *
     * @param number an {@code errno} value
     * @return the entry, or empty for a number not in this table
     */
    public static Optional<Errno> of(int number) {
        return number > 0 && number < BY_NUMBER.length ? Optional.ofNullable(BY_NUMBER[number]) : Optional.empty();
    }

    /**
     * The entry whose {@link #description()} ends the given message, the way the JDK and other
     * libraries word their socket errors ({@code "Connection refused"}).
     *
     * @param message an exception message, possibly null
     * @return the entry, or empty when the message names no error of this table
     */
    public static Optional<Errno> fromMessage(String message) {
        if (message == null) {
            return Optional.empty();
        }
        for (Errno e : values()) {
            if (message.endsWith(e.description) || message.contains(e.description + " ")
                    || message.contains(e.description + ")")) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The symbol and number, such as {@code "ECONNREFUSED (Connection refused)"}: the wording of
     * every uds error message.
     *
     * @return the symbol followed by the description in parentheses
     */
    public String describe() {
        return name() + " (" + description + ")";
    }
}
