package dev.uds;

import java.io.IOException;

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

    /**
     * Creates the exception.
     *
     * @param operation     what was called, with the address, such as {@code "receive /tmp/a.sock"}
     * @param received      the bytes that fitted in the buffer
     * @param messageLength the real length of the message
     */
    public MessageTruncatedException(String operation, int received, int messageLength) {
        super(operation + ": message of " + messageLength + " bytes truncated to the buffer's "
                + received + " bytes (MSG_TRUNC)");
        this.received = received;
        this.messageLength = messageLength;
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
}
