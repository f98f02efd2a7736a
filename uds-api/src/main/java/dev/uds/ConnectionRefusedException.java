package dev.uds;

/**
 * Nothing accepts connections at the address ({@code ECONNREFUSED}), or nothing is there at all ({@code ENOENT} on connect).
 *
 * @see "unix(7)"
 */
public final class ConnectionRefusedException extends java.net.ConnectException implements NativeError {
    private static final long serialVersionUID = 1L;

    /** The errno of the failed call, 0 when unknown. */
    private final int errno;

    /**
     * Creates the exception.
     *
     * @param message what failed, where, and the errno symbol
     * @param errno   the error number, 0 when unknown
     */
    public ConnectionRefusedException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    @Override
    public int errno() {
        return errno;
    }
}
