package dev.uds.internal;

import dev.uds.AddressInUseException;
import dev.uds.BrokenPipeException;
import dev.uds.ConnectionRefusedException;
import dev.uds.ConnectionResetException;
import dev.uds.Errno;
import dev.uds.PermissionDeniedException;
import dev.uds.UnixSocketException;
import dev.uds.UnixSocketTimeoutException;
import java.io.IOException;

/**
 * The one table from errno to exception type, and the wording of every native error message,
 * shared by every backend so that the same condition gives the same type everywhere (see
 * docs/ARCHITECTURE.md, "The error model"). It lives in the API module, not the Linux core,
 * because the {@code jdk} backend uses it too.
 */
public final class Errors {
    private Errors() {
    }

    /**
     * The exception for a failed call.
     *
     * @param call   the system call or operation, such as {@code "connect"}
     * @param target the address or other object of the call; null when there is none
     * @param errno  the error number, 0 when unknown
     * @return the exception, whose message reads {@code "connect /tmp/a.sock: ECONNREFUSED (Connection refused)"}
     */
    public static IOException exception(String call, Object target, int errno) {
        return exception(call, target, errno, null);
    }

    /**
     * As {@link #exception(String, Object, int)}, with a detail appended to the message.
     *
     * @param call   the system call or operation
     * @param target the address or other object of the call; null when there is none
     * @param errno  the error number, 0 when unknown
     * @param detail more to say, such as a message's size and the limit; null for nothing
     * @return the exception
     */
    public static IOException exception(String call, Object target, int errno, String detail) {
        if (detail == null) {
            detail = missingOption(call, errno);
        }
        String message = call + (target == null ? "" : " " + target) + ": "
                + Errno.of(errno).map(Errno::describe).orElse(errno == 0 ? "unknown error" : "errno " + errno)
                + (detail == null ? "" : "; " + detail);
        Errno e = Errno.of(errno).orElse(null);
        if (e == null) {
            return new UnixSocketException(message, errno);
        }
        switch (e) {
            case EADDRINUSE:
                return new AddressInUseException(message, errno);
            case ECONNREFUSED:
                return new ConnectionRefusedException(message, errno);
            case ENOENT:
                // connect(2) or sendto(2) to a path with no socket file: for a client, the same
                // as no server.
                return call.startsWith("connect") || call.startsWith("sendto")
                        ? new ConnectionRefusedException(message, errno)
                        : new UnixSocketException(message, errno);
            case EACCES:
            case EPERM:
                return new PermissionDeniedException(message, errno);
            case EPIPE:
                return new BrokenPipeException(message, errno);
            case ECONNRESET:
                return new ConnectionResetException(message, errno);
            case EAGAIN:
                // A blocking call's EAGAIN means SO_RCVTIMEO or SO_SNDTIMEO expired; a call that
                // parks a virtual thread reports its own expired deadline with EAGAIN too.
                return new UnixSocketTimeoutException(message, errno);
            default:
                return new UnixSocketException(message, errno);
        }
    }

    /**
     * What {@code ENOPROTOOPT} from {@code setsockopt(2)} or {@code getsockopt(2)} means for an
     * AF_UNIX socket: the running kernel does not know the option (it came with a later Linux,
     * given in the option's javadoc). A backend declares such an option's capability where the
     * kernel's version says it has it; a kernel that says so and lacks it (a backport left out,
     * a sandbox such as gVisor) ends here.
     */
    private static String missingOption(String call, int errno) {
        if (errno != Errno.ENOPROTOOPT.number() || !(call.startsWith("setsockopt ") || call.startsWith("getsockopt "))) {
            return null;
        }
        return "the running kernel (" + System.getProperty("os.version", "unknown") + ") does not have "
                + call.substring("setsockopt ".length()) + "; see the option's javadoc for the Linux version that"
                + " brought it";
    }
}
