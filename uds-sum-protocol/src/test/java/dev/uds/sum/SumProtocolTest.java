package dev.uds.sum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SumProtocolTest {

    @Test
    void messageIsTheTextAndOneNulAsStrlenPlusOne() {
        assertArrayEquals(new byte[] {'-', '5', 0}, SumProtocol.message("-5"));
        assertArrayEquals(new byte[] {'E', 'N', 'D', 0}, SumProtocol.message("END"));
    }

    @Test
    void replyIsTwelveBytesPaddedWithNul() {
        byte[] reply = SumProtocol.reply("7");
        assertEquals(12, reply.length);
        assertEquals('7', reply[0]);
        for (int i = 1; i < 12; i++) {
            assertEquals(0, reply[i]);
        }
    }

    @Test
    void everyErrorReplyFitsTheReplyWithANulAndStartsWithErr() {
        for (ErrorReply error : ErrorReply.values()) {
            assertTrue(error.text().startsWith("ERR"), error.text());
            assertEquals(12, SumProtocol.reply(error.text()).length);
            assertTrue(error.text().length() <= 11, error.text());
            assertEquals(error, ErrorReply.fromText(error.text()).orElseThrow());
        }
    }

    @Test
    void replyOfTwelveCharactersIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SumProtocol.reply("ERR SHUTDOWN"));
    }

    @Test
    void replyTextStopsAtTheNulAndNeverReadsTheTwelfthByte() {
        assertEquals("-3", SumProtocol.replyText(SumProtocol.reply("-3"), 12));
        byte[] full = "123456789012".getBytes(StandardCharsets.US_ASCII);
        assertEquals("12345678901", SumProtocol.replyText(full, 12));
    }

    @Test
    void messageWithNulIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SumProtocol.message("1\0002"));
    }

    @Test
    void sumReplyTellsSumsFromErrors() {
        assertEquals(7, new SumReply("7").sum());
        assertTrue(new SumReply("ERR RANGE").isError());
        assertEquals(ErrorReply.OUT_OF_RANGE, new SumReply("ERR RANGE").error().orElseThrow());
        assertThrows(IllegalStateException.class, () -> new SumReply("ERR RANGE").sum());
    }
}
