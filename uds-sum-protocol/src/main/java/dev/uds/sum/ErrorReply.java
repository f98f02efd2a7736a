package dev.uds.sum;

import java.util.Arrays;
import java.util.Optional;

/**
 * The server's error replies. Each fits the 12-byte reply with at least one NUL and starts with
 * {@code ERR}, so that the example's C client prints it as its result.
 */
public enum ErrorReply {
    /** A message that is not a decimal integer (nor {@code END} or {@code DOWN}). */
    NOT_AN_INTEGER("ERR NOTINT", "a message was not an integer"),
    /** An empty message, or one that is only a NUL. */
    EMPTY("ERR EMPTY", "a message was empty"),
    /** A message of more than 11 characters, which the example's 12-byte read would cut. */
    TOO_LONG("ERR TOOLONG", "a message was longer than " + SumProtocol.MAX_MESSAGE_CHARS + " characters"),
    /** A number or the sum outside the 32-bit signed range. */
    OUT_OF_RANGE("ERR RANGE", "a number or the sum was outside the 32-bit range"),
    /** A message that does not end in NUL (over STREAM: the stream ended inside a message). */
    NOT_TERMINATED("ERR NONUL", "a message did not end in NUL"),
    /** {@code DOWN} from a peer whose uid is neither the server's nor root's. */
    DOWN_DENIED("ERR DENIED", "DOWN is allowed only from the server's own user or root"),
    /** The session sent nothing for longer than the server's idle timeout. */
    IDLE("ERR IDLE", "the session was idle for longer than the server's idle timeout"),
    /** The server was stopping and ended the session before its {@code END}. */
    SHUTTING_DOWN("ERR CLOSING", "the server was shutting down");

    private final String text;
    private final String meaning;

    ErrorReply(String text, String meaning) {
        this.text = text;
        this.meaning = meaning;
    }

    /**
     * The reply as sent, such as {@code "ERR NOTINT"}.
     *
     * @return the text, at most 11 characters
     */
    public String text() {
        return text;
    }

    /**
     * What the reply means, in plain words.
     *
     * @return the explanation
     */
    public String meaning() {
        return meaning;
    }

    /**
     * The error reply with this text.
     *
     * @param text a reply's text
     * @return the error reply, or empty if the text is none of them
     */
    public static Optional<ErrorReply> fromText(String text) {
        return Arrays.stream(values()).filter(e -> e.text.equals(text)).findFirst();
    }
}
