package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.BrokenPipeException;
import dev.uds.Capability;
import dev.uds.Errno;
import dev.uds.MessageBatch;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketException;
import dev.uds.UnixSocketOption;
import dev.uds.UnixSocketTimeoutException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Batches of messages ({@code sendmmsg(2)}, {@code recvmmsg(2)}): order and boundaries, a
 * receive that takes what is queued, truncation per message, a send that stops part-way, end of
 * stream, empty batches and messages, and read-only buffers.
 */
@Requires(capabilities = Capability.BATCHES)
public abstract class BatchTck extends TckPart {

    /** Creates the part. */
    protected BatchTck() {
    }

    /** Message {@code i} of a test: {@code i + 1} bytes, each {@code i}. */
    private static void fill(ByteBuffer buffer, int i) {
        buffer.clear();
        for (int b = 0; b <= i; b++) {
            buffer.put((byte) i);
        }
        buffer.flip();
    }

    /** Alternately direct and heap buffers, so that both ways to the kernel are taken. */
    private static MessageBatch mixed(int messages, int capacity) {
        ByteBuffer[] buffers = new ByteBuffer[messages];
        for (int i = 0; i < messages; i++) {
            buffers[i] = i % 2 == 0 ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        }
        return MessageBatch.of(buffers);
    }

    private static MessageBatch texts(String... texts) {
        ByteBuffer[] buffers = new ByteBuffer[texts.length];
        for (int i = 0; i < texts.length; i++) {
            buffers[i] = bytes(texts[i]);
        }
        return MessageBatch.of(buffers);
    }

    private static String text(MessageBatch batch, int i) {
        ByteBuffer b = batch.buffer(i).duplicate().flip();
        byte[] data = new byte[b.remaining()];
        b.get(data);
        return new String(data, StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Messages.class)
    void aBatchOf64ArrivesInOrderWithExactBoundaries(SocketType type) throws IOException {
        Connection c = connect(type);
        MessageBatch out = MessageBatch.allocate(64, 64);
        for (int i = 0; i < 64; i++) {
            fill(out.buffer(i), i);
        }
        assertEquals(64, c.client().sendBatch(out, 0, 64), "every message sent");
        for (int i = 0; i < 64; i++) {
            assertEquals(i + 1, out.bytes(i), "bytes sent of message " + i);
            assertFalse(out.buffer(i).hasRemaining(), "buffer " + i + " consumed");
        }
        MessageBatch in = mixed(64, 100);
        // All 64 are queued once sendBatch returns: one receive takes them all.
        assertEquals(64, c.server().receiveBatch(in, 0, 64), "messages received");
        for (int i = 0; i < 64; i++) {
            assertEquals(i + 1, in.bytes(i), "bytes of message " + i);
            assertEquals(i + 1, in.messageLength(i), "length of message " + i);
            assertFalse(in.truncated(i));
            ByteBuffer received = in.buffer(i).flip();
            assertEquals(i + 1, received.remaining());
            while (received.hasRemaining()) {
                assertEquals((byte) i, received.get(), "content of message " + i);
            }
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Messages.class)
    void aBatchOf200MessagesGoesInOneCallEachWay(SocketType type) throws IOException {
        // More messages than a backend may hand to a call that must not block (ffm's critical try).
        Connection c = connect(type);
        MessageBatch out = MessageBatch.allocate(200, 8);
        for (int i = 0; i < 200; i++) {
            out.buffer(i).putInt(0, i).limit(4);
        }
        assertEquals(200, c.client().sendBatch(out, 0, 200));
        MessageBatch in = mixed(200, 8);
        assertEquals(200, c.server().receiveBatch(in, 0, 200));
        for (int i = 0; i < 200; i++) {
            assertEquals(4, in.bytes(i));
            assertEquals(i, in.buffer(i).getInt(0), "message " + i + " in order");
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Messages.class)
    void aReceiveTakesWhatIsQueuedWhenFewerThanTheBatch(SocketType type) throws IOException {
        Connection c = connect(type);
        for (int i = 0; i < 5; i++) {
            sendText(c.client(), "m" + i);
        }
        MessageBatch in = MessageBatch.allocate(64, 16);
        assertEquals(5, c.server().receiveBatch(in, 0, 64));
        for (int i = 0; i < 5; i++) {
            assertEquals("m" + i, text(in, i));
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Messages.class)
    @Requires(capabilities = {Capability.BATCHES, Capability.RECEIVE_TIMEOUT})
    void aReceiveWaitsForTheFirstMessageUpToTheTimeout(SocketType type) throws IOException {
        Connection c = connect(type);
        c.server().setOption(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofMillis(50));
        MessageBatch in = MessageBatch.allocate(8, 16);
        assertThrows(UnixSocketTimeoutException.class, () -> c.server().receiveBatch(in, 0, 8));
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Messages.class)
    void aBlockedReceiveReturnsOnceMessagesCome(SocketType type) throws Exception {
        Connection c = connect(type);
        MessageBatch in = MessageBatch.allocate(64, 16);
        AtomicInteger first = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread receiver = ThreadKind.ofCurrentThread().start("batch receiver", () -> {
            try {
                first.set(c.server().receiveBatch(in, 0, 64));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        assertEquals(3, c.client().sendBatch(texts("a", "b", "c"), 0, 3));
        receiver.join(30_000);
        assertFalse(receiver.isAlive(), "the receive returned");
        if (failure.get() != null) {
            throw new AssertionError("the receive failed", failure.get());
        }
        int got = first.get();
        assertTrue(got >= 1 && got <= 3, "at least the first message, at most the three: " + got);
        if (got < 3) {
            assertEquals(3 - got, c.server().receiveBatch(in, got, 64 - got), "the rest, already queued");
        }
        assertEquals("abc", text(in, 0) + text(in, 1) + text(in, 2));
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Messages.class)
    void truncationIsReportedPerMessageWithItsRealLength(SocketType type) throws IOException {
        Connection c = connect(type);
        assertEquals(3, c.client().sendBatch(texts("fits", "twenty bytes message", "8 bytes!"), 0, 3));
        MessageBatch in = mixed(3, 8);
        assertEquals(3, c.server().receiveBatch(in, 0, 3));
        assertEquals("fits", text(in, 0));
        assertEquals("twenty b", text(in, 1), "the part that fitted");
        assertEquals("8 bytes!", text(in, 2));
        assertEquals(4, in.messageLength(0));
        assertEquals(20, in.messageLength(1), "the real length");
        assertEquals(8, in.bytes(1));
        assertEquals(8, in.messageLength(2));
        assertFalse(in.truncated(0));
        assertTrue(in.truncated(1));
        assertFalse(in.truncated(2));
        sendText(c.client(), "next");
        assertEquals("next", receiveText(c.server(), 64), "the rest of the cut message is gone");
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Messages.class)
    @Requires(capabilities = {Capability.BATCHES, Capability.SEND_TIMEOUT, Capability.BUFFER_SIZES})
    void aSendToAFullQueueStopsPartWayWithTheCountAndTheNextCallThrows(SocketType type) throws IOException {
        Connection c = connect(type);
        c.client().setOption(UnixSocketOption.SEND_BUFFER_SIZE, 1); // the kernel's minimum: a few messages
        c.client().setOption(UnixSocketOption.SEND_TIMEOUT, Duration.ofMillis(50));
        MessageBatch out = MessageBatch.allocate(64, 1000);
        for (int i = 0; i < 64; i++) {
            out.buffer(i).put(0, (byte) i).limit(1000);
        }
        int sent = c.client().sendBatch(out, 0, 64);
        assertTrue(sent > 0 && sent < 64, "part of the batch went: " + sent);
        assertEquals(1000, out.bytes(sent - 1));
        assertFalse(out.buffer(sent - 1).hasRemaining(), "a sent buffer is consumed");
        assertEquals(0, out.buffer(sent).position(), "an unsent buffer is untouched");
        // The queue is still full: the next call fails on its first message, and says so.
        assertThrows(UnixSocketTimeoutException.class, () -> c.client().sendBatch(out, sent, 64 - sent));
        MessageBatch in = MessageBatch.allocate(64, 1000);
        int received = 0;
        while (received < sent) {
            received += c.server().receiveBatch(in, received, sent - received);
        }
        for (int i = 0; i < sent; i++) {
            assertEquals(1000, in.messageLength(i));
            assertEquals((byte) i, in.buffer(i).get(0), "message " + i + " in order");
        }
        sendText(c.client(), "end");
        assertEquals("end", receiveText(c.server(), 2000), "nothing else went");
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Messages.class)
    void aMessageTooLargeStopsTheBatchThereAndTheNextCallSaysWhy(SocketType type) throws IOException {
        Connection c = connect(type);
        ByteBuffer huge = ByteBuffer.allocate(1 << 20); // larger than any default send buffer
        MessageBatch out = MessageBatch.of(bytes("ok"), huge);
        assertEquals(1, c.client().sendBatch(out, 0, 2), "the message before it went");
        UnixSocketException e = assertThrows(UnixSocketException.class, () -> c.client().sendBatch(out, 1, 1));
        assertEquals(Errno.EMSGSIZE.number(), e.errno());
        assertTrue(e.getMessage().contains("EMSGSIZE") && e.getMessage().contains("1048576 bytes"), e.getMessage());
        assertEquals(1 << 20, huge.remaining(), "nothing of it went");
        assertEquals("ok", receiveText(c.server(), 8));
    }

    @Test
    @Requires(types = SocketType.SEQPACKET, capabilities = Capability.BATCHES)
    void aSendWhoseFirstMessageFailsThrows() throws IOException {
        Connection c = connect(SocketType.SEQPACKET);
        c.server().close();
        BrokenPipeException e = assertThrows(BrokenPipeException.class,
                () -> c.client().sendBatch(texts("a", "b"), 0, 2));
        assertTrue(e.getMessage().contains("sendmmsg") && e.getMessage().contains("EPIPE"), e.getMessage());
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Messages.class)
    void endOfStreamComesAfterTheMessagesQueuedBeforeIt(SocketType type) throws IOException {
        Connection c = connect(type);
        assertEquals(3, c.client().sendBatch(texts("a", "", "b"), 0, 3));
        if (type == SocketType.DGRAM) {
            c.server().shutdownInput(); // a DGRAM peer has no close that ends the stream
        } else {
            c.client().close();
        }
        MessageBatch in = MessageBatch.allocate(8, 8);
        assertEquals(3, c.server().receiveBatch(in, 0, 8), "the messages, the empty one too");
        assertEquals("a", text(in, 0));
        assertEquals(0, in.messageLength(1));
        assertEquals("b", text(in, 2));
        assertEquals(-1, c.server().receiveBatch(in.clear(), 0, 8), "then end of stream");
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Messages.class)
    void emptyMessagesAreMessages(SocketType type) throws IOException {
        Connection c = connect(type);
        assertEquals(4, c.client().sendBatch(texts("a", "", "b", ""), 0, 4));
        MessageBatch in = MessageBatch.allocate(8, 8);
        assertEquals(4, c.server().receiveBatch(in, 0, 8));
        assertEquals("a", text(in, 0));
        assertEquals(0, in.messageLength(1));
        assertEquals("b", text(in, 2));
        assertEquals(0, in.messageLength(3));
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Messages.class)
    void anEmptyBatchCallDoesNothingAndDoesNotWait(SocketType type) throws IOException {
        Connection c = connect(type);
        MessageBatch batch = texts("x");
        assertEquals(0, c.client().sendBatch(batch, 0, 0));
        assertEquals(1, batch.buffer(0).remaining(), "nothing sent");
        assertEquals(0, c.server().receiveBatch(MessageBatch.allocate(1, 8), 0, 0), "returns without a message");
        assertEquals(0, c.server().receiveBatch(MessageBatch.allocate(1, 8), 1, 0), "an empty range at the end");
        sendText(c.client(), "still");
        assertEquals("still", receiveText(c.server(), 8));
        c.client().close();
        assertThrows(ClosedChannelException.class, () -> c.client().sendBatch(batch, 0, 0));
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Messages.class)
    void aBatchFromAnOffsetSendsAndReceivesOnlyThoseMessages(SocketType type) throws IOException {
        Connection c = connect(type);
        MessageBatch out = texts("0", "1", "2", "3", "4", "5");
        assertEquals(3, c.client().sendBatch(out, 2, 3));
        assertTrue(out.buffer(1).hasRemaining() && out.buffer(5).hasRemaining(), "the others not sent");
        MessageBatch in = MessageBatch.allocate(6, 4);
        assertEquals(3, c.server().receiveBatch(in, 3, 3));
        assertEquals("2", text(in, 3));
        assertEquals("3", text(in, 4));
        assertEquals("4", text(in, 5));
        assertEquals(0, in.buffer(0).position(), "buffers before the offset untouched");
        assertThrows(IndexOutOfBoundsException.class, () -> c.client().sendBatch(out, 4, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> c.server().receiveBatch(in, -1, 1));
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Messages.class)
    void readOnlyBuffersAreRefusedBeforeTheCallAndTheMessagesStay(SocketType type) throws IOException {
        Connection c = connect(type);
        // Read-only buffers can be sent from.
        assertEquals(2, c.client().sendBatch(MessageBatch.of(bytes("one").asReadOnlyBuffer(),
                ByteBuffer.allocateDirect(3).put(bytes("two")).flip().asReadOnlyBuffer()), 0, 2));
        MessageBatch in = MessageBatch.of(ByteBuffer.allocateDirect(8), ByteBuffer.allocate(8).asReadOnlyBuffer());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.server().receiveBatch(in, 0, 2));
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertEquals(0, in.buffer(0).position(), "nothing received");
        assertEquals("one", receiveText(c.server(), 8));
        assertEquals("two", receiveText(c.server(), 8));
    }

    @Test
    @Requires(types = SocketType.STREAM, capabilities = Capability.BATCHES)
    void streamSocketsHaveNoMessagesToBatch() throws IOException {
        Connection c = connect(SocketType.STREAM);
        UnixSocket s = c.client();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> s.sendBatch(texts("x"), 0, 1));
        assertTrue(e.getMessage().contains("STREAM"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> s.receiveBatch(MessageBatch.allocate(1, 1), 0, 1));
    }
}
