package dev.uds;

/**
 * A write to a socket whose peer has closed or shut down its reading side ({@code EPIPE}). uds never lets this raise {@code SIGPIPE}.
 *
 * @see "unix(7)"
 */
public final class BrokenPipeException extends java.net.SocketException implements NativeError {
    private static final long serialVersionUID = 1L;

    /** The errno of the failed call, 0 when unknown. */
    private final int errno;

    /**
     * Creates the exception.
     *
     * @param message what failed, where, and the errno symbol
     * @param errno   the error number, 0 when unknown
     */
    public BrokenPipeException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    @Override
    public int errno() {
        return errno;
    }
}
