package dev.uds;

/**
 * A blocking call did not complete within the socket's timeout ({@code EAGAIN} after {@code SO_RCVTIMEO} or {@code SO_SNDTIMEO}).
 *
 * @see "unix(7)"
 */
public final class UnixSocketTimeoutException extends java.net.SocketTimeoutException implements NativeError {
    private static final long serialVersionUID = 1L;

    /** The errno of the failed call, 0 when unknown. */
    private final int errno;

    /**
     * Creates the exception.
     *
     * @param message what failed, where, and the errno symbol
     * @param errno   the error number, 0 when unknown
     */
    public UnixSocketTimeoutException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    @Override
    public int errno() {
        return errno;
    }
}
