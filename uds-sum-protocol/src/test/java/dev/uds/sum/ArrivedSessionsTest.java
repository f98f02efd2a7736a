package dev.uds.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.uds.Capability;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixDomain;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sessions whose messages have arrived by the time they are accepted, which the acceptor serves
 * itself on a backend that tells whether a receive would wait, and those that have not, which it
 * hands to a thread of their own without waiting for them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ArrivedSessionsTest {
    @TempDir
    Path dir;

    /** The transports whose backend has SIOCINQ, where MessageReader#poll is used. */
    static Stream<Transport> pollable() {
        return Transport.all().filter(t -> t.backend() == null
                || UnixDomain.backend(t.backend()).supports(Capability.BYTES_AVAILABLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void sessionsWaitingWholeOrInPartsInTheBacklogAreAllAnswered(Transport transport) throws Exception {
        // One client at a time: the others wait in the backlog with what they sent.
        try (RunningServer server = RunningServer.start(transport, dir, config -> config.withMaxClients(1));
             RawConnection holder = server.connect().send("1");
             RawConnection whole = server.connect().send("3", "4", "END");
             RawConnection partial = server.connect()) {
            if (transport.type() == SocketType.STREAM) {
                partial.sendBytes("3\0004".getBytes(StandardCharsets.US_ASCII)); // ends inside a message
            } else {
                partial.send("3");
            }
            holder.send("END");
            assertEquals("1", holder.replyText());
            assertEquals("7", whole.replyText());
            if (transport.type() == SocketType.STREAM) {
                partial.sendBytes("\0END\0".getBytes(StandardCharsets.US_ASCII));
            } else {
                partial.send("4", "END");
            }
            assertEquals("7", partial.replyText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void aClientThatSendsNothingHoldsUpNoOther(Transport transport) throws Exception {
        try (RunningServer server = RunningServer.start(transport, dir);
             RawConnection silent = server.connect()) {
            assertEquals(7, server.client().send(List.of("3", "4")).sum());
            silent.send("2", "END");
            assertEquals("2", silent.replyText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pollable")
    void pollTakesWhatHasArrivedAndKeepsAMessageCutBetweenTwoWrites(Transport transport) throws Exception {
        transport.assumePresent();
        SocketPair pair = UnixDomain.backend(transport.backend()).pair(transport.type());
        try (var client = pair.first(); var server = pair.second()) {
            MessageReader reader = MessageReader.of(server);
            assertSame(MessageReader.PENDING, reader.poll(), "nothing sent yet");
            boolean stream = transport.type() == SocketType.STREAM;
            client.send(bytes(stream ? "12\0003" : "12\0"));
            assertEquals("12", text(reader.poll()));
            assertSame(MessageReader.PENDING, reader.poll(), stream ? "a message without its NUL yet" : "no packet");
            client.send(bytes(stream ? "4\0" : "34\0"));
            assertEquals("34", text(reader.poll()));
            client.shutdownOutput();
            assertSame(MessageReader.PENDING, reader.poll(), "an end of stream is left to next()");
            assertNull(reader.next());
        }
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(Frame frame) {
        return new String(frame.head(), 0, frame.length() - 1, StandardCharsets.US_ASCII);
    }
}
