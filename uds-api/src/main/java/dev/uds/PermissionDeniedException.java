package dev.uds;

/**
 * The caller lacks a permission the call needs ({@code EACCES} or {@code EPERM}): write permission on a socket file or its directory, or the privilege to state other credentials.
 *
 * @see "unix(7)"
 */
public final class PermissionDeniedException extends java.net.SocketException implements NativeError {
    private static final long serialVersionUID = 1L;

    /** The errno of the failed call, 0 when unknown. */
    private final int errno;

    /**
     * Creates the exception.
     *
     * @param message what failed, where, and the errno symbol
     * @param errno   the error number, 0 when unknown
     */
    public PermissionDeniedException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    @Override
    public int errno() {
        return errno;
    }
}
