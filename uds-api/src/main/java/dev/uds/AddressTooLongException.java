package dev.uds;

/**
 * An address does not fit in {@code sun_path}. Thrown when the address is made, before any
 * system call, with a message that says the length and the limit; uds never cuts a path short.
 *
 * @see "unix(7): Address format"
 */
public final class AddressTooLongException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the address, its length and the limit
     */
    public AddressTooLongException(String message) {
        super(message);
    }
}
