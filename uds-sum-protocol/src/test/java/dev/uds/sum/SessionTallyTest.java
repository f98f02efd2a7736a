package dev.uds.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionTallyTest {

    private static Frame frame(byte[] bytes) {
        return new Frame(Arrays.copyOf(bytes, Math.min(bytes.length, Frame.HEAD_SIZE)), bytes.length);
    }

    private static Frame message(String text) {
        return frame(SumProtocol.message(text));
    }

    private static String replyAfter(String... texts) {
        SessionTally tally = new SessionTally();
        for (String text : texts) {
            tally.accept(message(text), () -> true);
        }
        return tally.replyText();
    }

    @Test
    void numbersAreSummed() {
        assertEquals("7", replyAfter("3", "4"));
        assertEquals("6", replyAfter("11", "-5"));
        assertEquals("0", replyAfter());
    }

    @Test
    void signedNumbersAtTheLimitsOfThe32BitRangeAreAccepted() {
        assertEquals("-2147483648", replyAfter("-2147483648"));
        assertEquals("2147483647", replyAfter("+2147483647"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "x, ERR NOTINT", "3x, ERR NOTINT", "-, ERR NOTINT", "' 3', ERR NOTINT", "1.5, ERR NOTINT",
        "123456789012, ERR TOOLONG", "2147483648, ERR RANGE", "-2147483649, ERR RANGE"
    })
    void badMessageBecomesTheSessionsErrorReply(String message, String reply) {
        assertEquals(reply, replyAfter("1", message, "2"));
    }

    @Test
    void sumOutsideThe32BitRangeIsErrRange() {
        assertEquals("ERR RANGE", replyAfter("2147483647", "1"));
        assertEquals("ERR RANGE", replyAfter("-2147483648", "-1"));
    }

    @Test
    void emptyMessageIsErrEmpty() {
        SessionTally tally = new SessionTally();
        tally.accept(frame(new byte[0]), () -> true);
        assertEquals("ERR EMPTY", tally.replyText());
        SessionTally onlyNul = new SessionTally();
        onlyNul.accept(frame(new byte[1]), () -> true);
        assertEquals("ERR EMPTY", onlyNul.replyText());
    }

    @Test
    void messageWithoutNulIsErrNonul() {
        SessionTally tally = new SessionTally();
        tally.accept(frame("12".getBytes(StandardCharsets.US_ASCII)), () -> true);
        assertEquals("ERR NONUL", tally.replyText());
    }

    @Test
    void messageLongerThanTheHeadIsErrToolong() {
        SessionTally tally = new SessionTally();
        tally.accept(new Frame(new byte[Frame.HEAD_SIZE], 5000), () -> true);
        assertEquals("ERR TOOLONG", tally.replyText());
    }

    @Test
    void nulPaddingAfterTheNumberIsAccepted() {
        SessionTally tally = new SessionTally();
        tally.accept(frame(SumProtocol.reply("5")), () -> true);
        assertEquals("5", tally.replyText());
    }

    @Test
    void bytesAfterTheNulAreErrNotint() {
        SessionTally tally = new SessionTally();
        tally.accept(frame("5\0x\0".getBytes(StandardCharsets.US_ASCII)), () -> true);
        assertEquals("ERR NOTINT", tally.replyText());
    }

    @Test
    void firstErrorWins() {
        assertEquals("ERR NOTINT", replyAfter("x", "", "2147483648"));
    }

    @Test
    void endEndsTheSessionEvenAfterAnError() {
        SessionTally tally = new SessionTally();
        tally.accept(message("x"), () -> true);
        assertEquals(SessionTally.Step.END, tally.accept(message("END"), () -> true));
    }

    @Test
    void allowedDownIsRecordedAndKeepsTheSumSoFar() {
        SessionTally tally = new SessionTally();
        tally.accept(message("3"), () -> true);
        assertEquals(SessionTally.Step.DOWN, tally.accept(message("DOWN"), () -> true));
        tally.accept(message("4"), () -> true);
        assertTrue(tally.downRequested());
        assertEquals("3", tally.replyText());
    }

    @Test
    void deniedDownIsErrDeniedAndDoesNotStop() {
        SessionTally tally = new SessionTally();
        assertEquals(SessionTally.Step.CONTINUE, tally.accept(message("DOWN"), () -> false));
        assertEquals(false, tally.downRequested());
        assertEquals("ERR DENIED", tally.replyText());
    }
}
