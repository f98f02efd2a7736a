package dev.uds;

import java.util.Optional;

/**
 * An exception from a failed socket call that knows the call's {@code errno}. Every uds
 * exception for a failed system call implements it, whatever JDK type it extends.
 *
 * @see "errno(3)"
 */
public sealed interface NativeError
        permits AddressInUseException, ConnectionRefusedException, PermissionDeniedException,
        BrokenPipeException, ConnectionResetException, UnixSocketTimeoutException, UnixSocketException {

    /**
     * The {@code errno} of the failed call.
     *
     * @return the error number, or 0 where the backend could not learn it
     */
    int errno();

    /**
     * The error as an entry of the table of known errors.
     *
     * @return the entry, or empty where the number is unknown
     */
    default Optional<Errno> errnoSymbol() {
        return Errno.of(errno());
    }
}
