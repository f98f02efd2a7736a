package dev.uds.sum;

/**
 * One message as a session received it: its first bytes and its real length, so that an
 * oversized message is known as such without being kept whole.
 *
 * @param head   the message's first bytes, at most {@link #HEAD_SIZE}
 * @param length the message's length in bytes, NUL included
 */
record Frame(byte[] head, int length) {

    /** How many bytes of a message are kept: more than the longest valid message. */
    static final int HEAD_SIZE = 64;

    boolean oversized() {
        return length > head.length;
    }
}
