package dev.uds.sum;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What one session has sent so far: the sum, the first error, and whether {@code DOWN} came.
 * After an error, numbers are ignored but commands still count, so the session reads on to the
 * client's {@code END} and answers with the error then (docs/ARCHITECTURE.md, the sum protocol's fault 3).
 */
final class SessionTally {

    /** What a message asks of the session. */
    enum Step { CONTINUE, DOWN, END }

    private long sum;
    private ErrorReply error;
    private boolean down;

    /**
     * Takes one message.
     *
     * @param frame       the message
     * @param downAllowed asked at a {@code DOWN}: whether this session's peer may stop the server
     * @return what to do next
     */
    Step accept(Frame frame, BooleanSupplier downAllowed) {
        Parsed parsed = parse(frame);
        if (parsed.text != null && parsed.text.equals(SumProtocol.END)) {
            return Step.END;
        }
        if (parsed.text != null && parsed.text.equals(SumProtocol.DOWN)) {
            if (!downAllowed.getAsBoolean()) {
                fail(ErrorReply.DOWN_DENIED);
                return Step.CONTINUE;
            }
            down = true;
            return Step.DOWN;
        }
        if (down) {
            // The example answers at DOWN with the sum so far: later numbers do not change it.
            return Step.CONTINUE;
        }
        if (parsed.error != null) {
            fail(parsed.error);
        } else if (error == null) {
            add(parsed.text);
        }
        return Step.CONTINUE;
    }

    private void add(String number) {
        long value;
        try {
            value = Long.parseLong(number);
        } catch (NumberFormatException e) {
            fail(ErrorReply.NOT_AN_INTEGER);
            return;
        }
        sum += value;
        if (value != (int) value || sum != (int) sum) {
            fail(ErrorReply.OUT_OF_RANGE);
        }
    }

    private void fail(ErrorReply reason) {
        if (error == null) {
            error = reason;
        }
    }

    /** The first error, if any. */
    Optional<ErrorReply> error() {
        return Optional.ofNullable(error);
    }

    /** Whether an allowed {@code DOWN} came. */
    boolean downRequested() {
        return down;
    }

    /** The reply's text: the first error, or the sum. */
    String replyText() {
        return error != null ? error.text() : Long.toString(sum);
    }

    private record Parsed(String text, ErrorReply error) {
    }

    /** Checks the message's framing and returns its text, or why it has none. */
    private static Parsed parse(Frame frame) {
        if (frame.length() == 0) {
            return new Parsed(null, ErrorReply.EMPTY);
        }
        if (frame.oversized()) {
            return new Parsed(null, ErrorReply.TOO_LONG);
        }
        byte[] bytes = frame.head();
        if (bytes[frame.length() - 1] != 0) {
            return new Parsed(null, frame.length() - 1 > SumProtocol.MAX_MESSAGE_CHARS
                    ? ErrorReply.TOO_LONG : ErrorReply.NOT_TERMINATED);
        }
        int nul = 0;
        while (bytes[nul] != 0) {
            nul++;
        }
        for (int i = nul; i < frame.length(); i++) {
            if (bytes[i] != 0) {
                // Padding after the NUL is allowed (a fixed-size buffer); other bytes are not.
                return new Parsed(null, ErrorReply.NOT_AN_INTEGER);
            }
        }
        if (nul == 0) {
            return new Parsed(null, ErrorReply.EMPTY);
        }
        if (nul > SumProtocol.MAX_MESSAGE_CHARS) {
            return new Parsed(null, ErrorReply.TOO_LONG);
        }
        String text = new String(bytes, 0, nul, StandardCharsets.US_ASCII);
        if (text.equals(SumProtocol.END) || text.equals(SumProtocol.DOWN) || isDecimal(text)) {
            return new Parsed(text, null);
        }
        return new Parsed(null, ErrorReply.NOT_AN_INTEGER);
    }

    private static boolean isDecimal(String text) {
        int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
