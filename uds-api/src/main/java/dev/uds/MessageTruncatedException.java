package dev.uds;

import java.io.IOException;
import java.util.Optional;

/**
 * A DGRAM or SEQPACKET message was longer than the buffer it was received into
 * ({@code MSG_TRUNC}). The part that fitted is in the buffer; the rest of the message is gone,
 * as the kernel discards it. To receive such messages without an exception, use
 * {@link UnixSocket#receiveMessage(java.nio.ByteBuffer, int)}, which reports the truncation.
 *
 * @see "recv(2): MSG_TRUNC"
 */
public final class MessageTruncatedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The bytes placed in the buffer. */
    private final int received;
    /** The message's real length. */
    private final int messageLength;
    /** Who sent the message, for {@link UnixSocket#receiveFrom}; else null. */
    private final transient UnixAddress sender;

    /**
     * Creates the exception.
     *
     * @param operation     what was called, with the address, such as {@code "receive /tmp/a.sock"}
     * @param received      the bytes that fitted in the buffer
     * @param messageLength the real length of the message
     */
    public MessageTruncatedException(String operation, int received, int messageLength) {
        this(operation, received, messageLength, null);
    }

    /**
     * Creates the exception for a datagram whose sender is known, so that it can still be answered.
     *
     * @param operation     what was called, with the address
     * @param received      the bytes that fitted in the buffer
     * @param messageLength the real length of the message
     * @param sender        the sender's address, or null
     */
    public MessageTruncatedException(String operation, int received, int messageLength, UnixAddress sender) {
        super(operation + ": message of " + messageLength + " bytes truncated to the buffer's "
                + received + " bytes (MSG_TRUNC)");
        this.received = received;
        this.messageLength = messageLength;
        this.sender = sender;
    }

    /**
     * The bytes of the message placed in the buffer.
     *
     * @return the count
     */
    public int received() {
        return received;
    }

    /**
     * The real length of the message.
     *
     * @return the length in bytes
     */
    public int messageLength() {
        return messageLength;
    }

    /**
     * The sender of the message, when the receive reports it ({@link UnixSocket#receiveFrom}).
     *
     * @return the sender's address, or empty
     */
    public Optional<UnixAddress> sender() {
        return Optional.ofNullable(sender);
    }
}
