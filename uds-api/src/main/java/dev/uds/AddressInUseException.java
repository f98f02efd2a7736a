package dev.uds;

/**
 * The address to bind to is in use ({@code EADDRINUSE}): for a pathname, a file exists there, whether or not a server still listens on it.
 *
 * @see "unix(7)"
 */
public final class AddressInUseException extends java.net.BindException implements NativeError {
    private static final long serialVersionUID = 1L;

    /** The errno of the failed call, 0 when unknown. */
    private final int errno;

    /**
     * Creates the exception.
     *
     * @param message what failed, where, and the errno symbol
     * @param errno   the error number, 0 when unknown
     */
    public AddressInUseException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    @Override
    public int errno() {
        return errno;
    }
}
