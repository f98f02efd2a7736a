package dev.uds.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixDomain;
import dev.uds.testsupport.FuzzRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;

/**
 * What a session makes of any bytes a client sends: the messages are read from a real socket
 * pair ({@link MessageReader}: one per packet over SEQPACKET, one per NUL over STREAM) and
 * tallied ({@link SessionTally}) as a server session does. The reply is always one the README
 * lists: a 32-bit sum or an {@code ERR} reply, that fits the 12-byte reply and reads back the
 * same; and numbers a client encodes with {@link SumProtocol#message} come back as their sum.
 */
class SumMessagesFuzzTest {
    private static final FuzzRun RUN = new FuzzRun("sum protocol: messages a session reads and tallies (uds-sum-protocol)",
            SumMessagesFuzzTest.class, "sessionRepliesToAnyMessages");

    @AfterAll
    static void figures() {
        RUN.writeFigures();
    }

    @FuzzTest
    void sessionRepliesToAnyMessages(FuzzedDataProvider data) throws Exception {
        SocketType type = data.consumeBoolean() ? SocketType.SEQPACKET : SocketType.STREAM;
        boolean downAllowed = data.consumeBoolean();
        if (data.consumeBoolean()) {
            // A well-formed session: numbers, then END. Encoded and decoded, they are their sum.
            int[] numbers = data.consumeInts(20);
            RUN.execute(() -> {
                List<byte[]> messages = new ArrayList<>();
                long sum = 0;
                boolean inRange = true;
                for (int number : numbers) {
                    messages.add(SumProtocol.message(Integer.toString(number)));
                    sum += number;
                    inRange &= sum == (int) sum;
                }
                messages.add(SumProtocol.message(SumProtocol.END));
                SessionTally tally = session(type, messages, downAllowed);
                assertEquals(inRange ? Long.toString(sum) : ErrorReply.OUT_OF_RANGE.text(), tally.replyText());
            });
            return;
        }
        List<byte[]> messages = new ArrayList<>();
        if (type == SocketType.SEQPACKET) {
            while (data.remainingBytes() > 0) {
                messages.add(data.consumeBytes(data.consumeInt(0, Frame.HEAD_SIZE + 16)));
            }
        } else {
            messages.add(data.consumeBytes(16 * 1024)); // well within the socket's buffer
        }
        RUN.execute(() -> {
            SessionTally tally = session(type, messages, downAllowed);
            String text = tally.replyText();
            Optional<ErrorReply> error = ErrorReply.fromText(text);
            assertTrue(error.isPresent() || text.equals(Integer.toString(Integer.parseInt(text))),
                    "a reply is an ERR reply or a 32-bit sum: " + text);
            assertEquals(error, tally.error(), "the reply is the session's first error");
            if (!downAllowed) {
                assertTrue(!tally.downRequested(), "DOWN from a peer not allowed to stop the server");
            }
            byte[] reply = SumProtocol.reply(text);
            assertEquals(SumProtocol.REPLY_SIZE, reply.length);
            assertEquals(text, SumProtocol.replyText(reply, reply.length), "the client reads the reply as sent");
        });
    }

    /**
     * Sends the messages over a socket pair and reads them as a session does, to END or the end
     * of the stream. Over SEQPACKET each packet is read before the next is sent, so that no send
     * waits for room; over STREAM the bytes fit the socket's buffer, and the end of the stream
     * follows them.
     */
    private static SessionTally session(SocketType type, List<byte[]> messages, boolean downAllowed) throws IOException {
        SessionTally tally = new SessionTally();
        try (SocketPair pair = UnixDomain.pair(type)) {
            MessageReader reader = MessageReader.of(pair.second());
            if (type == SocketType.STREAM) {
                for (byte[] message : messages) {
                    pair.first().send(ByteBuffer.wrap(message));
                }
                pair.first().shutdownOutput();
                Frame frame;
                while ((frame = reader.next()) != null) {
                    if (tally.accept(frame, () -> downAllowed) == SessionTally.Step.END) {
                        break;
                    }
                }
                return tally;
            }
            for (byte[] message : messages) {
                pair.first().send(ByteBuffer.wrap(message));
                Frame frame = reader.next();
                assertEquals(message.length, frame.length(), "one packet is one message, its length known");
                if (tally.accept(frame, () -> downAllowed) == SessionTally.Step.END) {
                    break;
                }
            }
        }
        return tally;
    }
}
