package dev.uds;

/**
 * The peer closed the connection while data was still unread ({@code ECONNRESET}).
 *
 * @see "unix(7)"
 */
public final class ConnectionResetException extends java.net.SocketException implements NativeError {
    private static final long serialVersionUID = 1L;

    /** The errno of the failed call, 0 when unknown. */
    private final int errno;

    /**
     * Creates the exception.
     *
     * @param message what failed, where, and the errno symbol
     * @param errno   the error number, 0 when unknown
     */
    public ConnectionResetException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    @Override
    public int errno() {
        return errno;
    }
}
