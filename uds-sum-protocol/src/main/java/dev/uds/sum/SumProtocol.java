package dev.uds.sum;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The facts of the wire format: the default socket path, the reply size, the commands, and how
 * a message and a reply are laid out in bytes.
 *
 * @see "unix(7): EXAMPLES"
 */
public final class SumProtocol {

    /** The example's socket path ({@code SOCKET_NAME} in its {@code connection.h}). */
    public static final Path DEFAULT_SOCKET = Path.of("/tmp/9Lq7BNBnBycd6nxy.socket");

    /** The size of the server's one reply, in bytes ({@code BUFFER_SIZE} in the example). */
    public static final int REPLY_SIZE = 12;

    /**
     * The most characters a message may hold before its NUL: the example's server reads into 12
     * bytes and keeps 11 of them.
     */
    public static final int MAX_MESSAGE_CHARS = REPLY_SIZE - 1;

    /** The command that asks for the reply. */
    public static final String END = "END";

    /** The command that asks the server to stop after its reply. */
    public static final String DOWN = "DOWN";

    private SumProtocol() {
    }

    /**
     * One message as the example's client writes it: the text's bytes and a NUL
     * ({@code strlen + 1} bytes).
     *
     * @param text the number or command
     * @return the message's bytes
     * @throws IllegalArgumentException if the text contains a NUL, which would end it early
     */
    public static byte[] message(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a sum protocol message cannot contain NUL: " + text);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    /**
     * The reply for a text: its ASCII bytes padded with NUL to {@value #REPLY_SIZE} bytes.
     *
     * @param text a sum in decimal or an error reply, at most {@value #MAX_MESSAGE_CHARS}
     *             characters so that the reply keeps a NUL, as the example's client expects
     * @return the {@value #REPLY_SIZE} bytes
     * @throws IllegalArgumentException if the text is too long
     */
    public static byte[] reply(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > MAX_MESSAGE_CHARS) {
            throw new IllegalArgumentException("a reply holds at most " + MAX_MESSAGE_CHARS
                    + " characters: " + text);
        }
        return Arrays.copyOf(bytes, REPLY_SIZE);
    }

    /**
     * The text of a received reply, as the example's client reads it: the bytes before the first
     * NUL, and never the last of the {@value #REPLY_SIZE} bytes.
     *
     * @param reply  the buffer holding the reply
     * @param length how many bytes were received
     * @return the text
     */
    public static String replyText(byte[] reply, int length) {
        int end = Math.min(length, MAX_MESSAGE_CHARS);
        for (int i = 0; i < end; i++) {
            if (reply[i] == 0) {
                end = i;
                break;
            }
        }
        return new String(reply, 0, end, StandardCharsets.US_ASCII);
    }
}
