package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.MessageTruncatedException;
import dev.uds.ReceivedMessage;
import dev.uds.SocketType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** Sending and receiving: order, message boundaries, truncation, end of stream. */
public abstract class TransferTck extends TckPart {

    /** Creates the part. */
    protected TransferTck() {
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void dataArrivesInOrderBothWays(SocketType type) throws IOException {
        Connection c = connect(type);
        sendText(c.client(), "one");
        sendText(c.client(), "two");
        sendText(c.server(), "three");
        if (type.keepsMessageBoundaries()) {
            assertEquals("one", receiveText(c.server(), 64));
            assertEquals("two", receiveText(c.server(), 64));
        } else {
            assertEquals("onetwo", receiveFully(c.server(), 6));
        }
        assertEquals("three", type.keepsMessageBoundaries() ? receiveText(c.client(), 64) : receiveFully(c.client(), 5));
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void largeTransferArrivesIntact(SocketType type) throws Exception {
        Connection c = connect(type);
        // Bigger than the default socket buffers for STREAM, so that sender and receiver take turns.
        byte[] data = new byte[type.keepsMessageBoundaries() ? 2048 : 1 << 20];
        new Random(7).nextBytes(data);
        Thread sender = new Thread(() -> {
            try {
                c.client().send(ByteBuffer.wrap(data));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        sender.start();
        ByteBuffer received = ByteBuffer.allocate(data.length);
        while (received.hasRemaining() && c.server().receive(received) > 0) {
            // STREAM returns whatever is available; messages arrive whole
        }
        sender.join(10_000);
        assertArrayEquals(data, received.array());
    }

    @ParameterizedTest(allowZeroInvocations = true)
    @ArgumentsSource(TckTypes.Messages.class)
    void messageBoundariesAreKept(SocketType type) throws IOException {
        Connection c = connect(type);
        sendText(c.client(), "a");
        sendText(c.client(), "bc");
        sendText(c.client(), "def");
        assertEquals("a", receiveText(c.server(), 64));
        assertEquals("bc", receiveText(c.server(), 64));
        assertEquals("def", receiveText(c.server(), 64));
    }

    @ParameterizedTest(allowZeroInvocations = true)
    @ArgumentsSource(TckTypes.Messages.class)
    void truncatedMessageThrowsWithItsRealLength(SocketType type) throws IOException {
        Connection c = connect(type);
        sendText(c.client(), "0123456789");
        sendText(c.client(), "next");
        ByteBuffer small = ByteBuffer.allocate(4);
        MessageTruncatedException e = assertThrows(MessageTruncatedException.class, () -> c.server().receive(small));
        assertEquals(10, e.messageLength());
        assertEquals(4, e.received());
        assertEquals("0123", new String(small.array(), 0, small.position(), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("next", receiveText(c.server(), 64), "the following message is whole");
    }

    @ParameterizedTest(allowZeroInvocations = true)
    @ArgumentsSource(TckTypes.Messages.class)
    void receiveMessageReportsTruncationWithoutThrowing(SocketType type) throws IOException {
        Connection c = connect(type);
        sendText(c.client(), "0123456789");
        try (ReceivedMessage m = c.server().receiveMessage(ByteBuffer.allocate(3), 0)) {
            assertTrue(m.truncated());
            assertEquals(3, m.bytes());
            assertEquals(10, m.messageLength());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    void peerCloseIsEndOfStream(SocketType type) throws IOException {
        Connection c = connect(type);
        sendText(c.client(), "last");
        c.client().close();
        assertEquals("last", type.keepsMessageBoundaries() ? receiveText(c.server(), 64) : receiveFully(c.server(), 4));
        assertEquals(-1, c.server().receive(ByteBuffer.allocate(16)));
        assertEquals(-1, c.server().read(ByteBuffer.allocate(16)), "read agrees with receive");
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    void shutdownOutputIsSeenByThePeerAsEndOfStream(SocketType type) throws IOException {
        Connection c = connect(type);
        c.client().shutdownOutput();
        assertEquals(-1, c.server().receive(ByteBuffer.allocate(16)));
        sendText(c.server(), "still open the other way");
        assertEquals("still", type.keepsMessageBoundaries()
                ? receiveText(c.client(), 64).substring(0, 5) : receiveFully(c.client(), 5));
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void shutdownInputMakesReceiveReturnEndOfStream(SocketType type) throws IOException {
        Connection c = connect(type);
        c.server().shutdownInput();
        assertEquals(-1, c.server().receive(ByteBuffer.allocate(16)));
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void readAndWriteWorkAsOnAChannel(SocketType type) throws IOException {
        Connection c = connect(type);
        assertEquals(5, c.client().write(bytes("hello")));
        ByteBuffer full = ByteBuffer.allocate(0);
        assertEquals(0, c.server().read(full), "a read with no room returns 0 at once");
        ByteBuffer buffer = ByteBuffer.allocate(5);
        while (buffer.hasRemaining()) {
            assertTrue(c.server().read(buffer) > 0);
        }
        assertEquals("hello", new String(buffer.array(), java.nio.charset.StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void directBuffersWork(SocketType type) throws IOException {
        Connection c = connect(type);
        ByteBuffer out = ByteBuffer.allocateDirect(12).put(bytes("direct bytes")).flip();
        assertEquals(12, c.client().send(out));
        assertEquals(12, out.position(), "the send advanced the buffer");
        ByteBuffer in = ByteBuffer.allocateDirect(64);
        while (in.position() < 12) {
            assertTrue(c.server().receive(in) > 0);
        }
        assertEquals(12, in.position(), "the receive advanced the buffer");
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void receiveIntoAReadOnlyBufferIsRefusedAndTheDataStays(SocketType type) throws IOException {
        Connection c = connect(type);
        sendText(c.client(), "kept");
        ByteBuffer readOnly = ByteBuffer.allocate(8).asReadOnlyBuffer();
        ByteBuffer readOnlyDirect = ByteBuffer.allocateDirect(8).asReadOnlyBuffer();
        for (ByteBuffer dst : new ByteBuffer[] {readOnly, readOnlyDirect}) {
            assertThrows(IllegalArgumentException.class, () -> c.server().receive(dst), "receive");
            assertThrows(IllegalArgumentException.class, () -> c.server().read(dst), "read");
            assertThrows(IllegalArgumentException.class, () -> c.server().receiveMessage(dst, 0), "receiveMessage");
            assertEquals(0, dst.position(), "nothing written into the refused buffer");
        }
        assertEquals("kept", type.keepsMessageBoundaries() ? receiveText(c.server(), 8) : receiveFully(c.server(), 4),
                "refused before any system call: the data is still there");
    }
}
