package dev.uds;

/**
 * No backend can serve a request: the backend asked for by {@code -Duds.backend} (or
 * {@code UDS_BACKEND}) does not exist or lacks the socket type, or no installed backend has it.
 * The message lists the backends that exist and what they offer.
 *
 * @see UnixDomain
 */
public final class BackendSelectionException extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was asked for and what exists
     */
    public BackendSelectionException(String message) {
        super(message);
    }
}
