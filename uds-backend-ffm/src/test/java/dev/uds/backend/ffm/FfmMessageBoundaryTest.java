package dev.uds.backend.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Backend;
import dev.uds.MessageTruncatedException;
import dev.uds.NativeError;
import dev.uds.ReceivedMessage;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Messages arrive whole or are reported cut; 0 and -1 keep their meanings. */
class FfmMessageBoundaryTest {
    private final Backend ffm = FfmTestSockets.ffm();

    private static ByteBuffer buffer(int size, boolean direct) {
        return direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }

    @ParameterizedTest
    @CsvSource({"DGRAM,false", "DGRAM,true", "SEQPACKET,false", "SEQPACKET,true"})
    void messageLongerThanBufferThrowsMessageTruncatedWithItsRealLength(SocketType type, boolean direct)
            throws IOException {
        try (SocketPair pair = ffm.pair(type)) {
            pair.first().send(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
            ByteBuffer small = buffer(4, direct);
            MessageTruncatedException e = assertThrows(MessageTruncatedException.class, () -> pair.second().receive(small));
            assertEquals(10, e.messageLength());
            assertEquals(4, e.received());
            assertEquals(4, small.position());
            assertEquals(4, small.get(3));
            // The rest of the message is gone: the next message is the next one sent.
            pair.first().send(ByteBuffer.wrap(new byte[] {99}));
            ByteBuffer next = buffer(4, direct);
            assertEquals(1, pair.second().receive(next));
            assertEquals(99, next.get(0));
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"DGRAM", "SEQPACKET"})
    void receiveMessageReportsTruncationInsteadOfThrowing(SocketType type) throws IOException {
        try (SocketPair pair = ffm.pair(type)) {
            pair.first().send(ByteBuffer.wrap(new byte[300]));
            try (ReceivedMessage m = pair.second().receiveMessage(ByteBuffer.allocate(100), 0)) {
                assertTrue(m.truncated());
                assertEquals(100, m.bytes());
                assertEquals(300, m.messageLength());
            }
        }
    }

    @Test
    void peekOfTruncatedMessageLeavesItQueued() throws IOException {
        try (SocketPair pair = ffm.pair(SocketType.SEQPACKET)) {
            pair.first().send(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertThrows(MessageTruncatedException.class, () -> pair.second().peek(ByteBuffer.allocate(1)));
            assertEquals(3, pair.second().available());
            assertEquals(3, pair.second().receive(ByteBuffer.allocate(3)));
        }
    }

    @Test
    void emptyDatagramIsZeroNotEndOfStream() throws IOException {
        try (SocketPair pair = ffm.pair(SocketType.DGRAM)) {
            pair.first().send(ByteBuffer.allocate(0));
            pair.first().send(ByteBuffer.wrap(new byte[] {7}));
            assertEquals(0, pair.second().receive(ByteBuffer.allocate(8)));
            assertEquals(1, pair.second().receive(ByteBuffer.allocate(8)));
        }
    }

    @Test
    void emptySeqpacketMessageFromLivePeerIsZero() throws IOException {
        try (SocketPair pair = ffm.pair(SocketType.SEQPACKET)) {
            pair.first().send(ByteBuffer.allocate(0));
            assertEquals(0, pair.second().receive(ByteBuffer.allocate(8)));
        }
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void receiveAfterShutdownInputIsEndOfStream(SocketType type) throws IOException {
        try (SocketPair pair = ffm.pair(type)) {
            pair.second().shutdownInput();
            assertEquals(-1, pair.second().receive(ByteBuffer.allocate(8)));
            assertEquals(-1, pair.second().receive(ByteBuffer.allocateDirect(8)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"STREAM", "SEQPACKET"})
    void peerCloseIsEndOfStreamAfterQueuedData(SocketType type) throws IOException {
        try (SocketPair pair = ffm.pair(type)) {
            pair.first().send(ByteBuffer.wrap(new byte[] {5}));
            pair.first().close();
            assertEquals(1, pair.second().receive(ByteBuffer.allocate(8)));
            assertEquals(-1, pair.second().receive(ByteBuffer.allocate(8)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"DGRAM", "SEQPACKET"})
    void messageLargerThanSendBufferFailsWithEmsgsizeSayingTheSize(SocketType type) throws IOException {
        try (SocketPair pair = ffm.pair(type)) {
            pair.first().setOption(UnixSocketOption.SEND_BUFFER_SIZE, 4096);
            ByteBuffer big = ByteBuffer.allocate(1 << 20);
            IOException e = assertThrows(IOException.class, () -> pair.first().send(big));
            assertEquals(90, ((NativeError) e).errno());
            assertTrue(e.getMessage().contains("EMSGSIZE") && e.getMessage().contains("1048576 bytes"), e.getMessage());
            assertEquals(0, big.position(), "nothing of the message was sent");
        }
    }

    @Test
    void largeHeapMessageArrivesWhole() throws IOException {
        try (SocketPair pair = ffm.pair(SocketType.SEQPACKET)) {
            pair.first().setOption(UnixSocketOption.SEND_BUFFER_SIZE, 1 << 21);
            pair.second().setOption(UnixSocketOption.RECEIVE_BUFFER_SIZE, 1 << 21);
            byte[] data = new byte[1_500_000];
            new java.util.Random(7).nextBytes(data);
            assertEquals(data.length, pair.first().send(ByteBuffer.wrap(data)));
            ByteBuffer in = ByteBuffer.allocate(2_000_000);
            assertEquals(data.length, pair.second().receive(in));
            assertTrue(java.util.Arrays.equals(data, 0, data.length, in.array(), 0, data.length));
        }
    }

    @Test
    void streamSendWritesEveryByteOfAHeapBufferLargerThanTheCopyBuffer() throws Exception {
        try (SocketPair pair = ffm.pair(SocketType.STREAM)) {
            byte[] data = new byte[3_000_000];
            new java.util.Random(3).nextBytes(data);
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    pair.first().send(ByteBuffer.wrap(data));
                    pair.first().shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(100_000);
            while (pair.second().receive(in.clear()) >= 0) {
                all.write(in.array(), 0, in.position());
            }
            writer.join();
            assertTrue(java.util.Arrays.equals(data, all.toByteArray()));
            assertFalse(writer.isAlive());
        }
    }
}
