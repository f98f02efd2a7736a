package dev.uds;

import java.net.SocketException;

/**
 * A socket call failed with an error that has no more specific exception type; the message
 * names the call, the address and the errno symbol.
 *
 * @see "unix(7): ERRORS"
 */
public final class UnixSocketException extends SocketException implements NativeError {
    private static final long serialVersionUID = 1L;

    /** The errno of the failed call, 0 when unknown. */
    private final int errno;

    /**
     * Creates the exception.
     *
     * @param message what failed, where, and the errno symbol
     * @param errno   the error number, 0 when unknown
     */
    public UnixSocketException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what failed, where, and the errno symbol
     * @param errno   the error number, 0 when unknown
     * @param cause   the exception this one translates
     */
    public UnixSocketException(String message, int errno, Throwable cause) {
        super(message);
        this.errno = errno;
        initCause(cause);
    }

    @Override
    public int errno() {
        return errno;
    }
}
