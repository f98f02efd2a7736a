package dev.uds.sum;

import java.util.Optional;

/**
 * The server's reply to one session, as the client received it.
 *
 * @param text the reply's text: the bytes before its first NUL, as the example's client prints it
 */
public record SumReply(String text) {

    /**
     * Whether the server answered with an error (a reply that starts with {@code ERR}).
     *
     * @return true for an error reply
     */
    public boolean isError() {
        return text.startsWith("ERR");
    }

    /**
     * The error, where it is one this project's server sends.
     *
     * @return the error reply, or empty for a sum or an error this project does not know
     */
    public Optional<ErrorReply> error() {
        return ErrorReply.fromText(text);
    }

    /**
     * The sum.
     *
     * @return the sum
     * @throws IllegalStateException if the reply is not a 32-bit decimal integer
     */
    public int sum() {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the reply is not a sum: \"" + text + "\"", e);
        }
    }

    /**
     * Whether the reply is a sum: a 32-bit decimal integer.
     *
     * @return true for a sum
     */
    public boolean isSum() {
        try {
            Integer.parseInt(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
