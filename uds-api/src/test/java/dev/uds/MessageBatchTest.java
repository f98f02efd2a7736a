package dev.uds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.internal.BatchState;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** A batch's shape and its checks, made before any backend sees it. */
class MessageBatchTest {

    @Test
    void allocateCutsOneDirectBlockIntoBuffersOfTheirOwn() {
        MessageBatch batch = MessageBatch.allocate(3, 5);
        assertEquals(3, batch.size());
        for (int i = 0; i < 3; i++) {
            ByteBuffer b = batch.buffer(i);
            assertTrue(b.isDirect());
            assertEquals(5, b.capacity());
            assertEquals(0, b.position());
            assertEquals(5, b.limit());
        }
        batch.buffer(0).put(0, (byte) 1);
        assertEquals(0, batch.buffer(1).get(0), "a buffer's bytes are its own");
        assertSame(batch.buffer(2), batch.buffer(2), "the same object every time");
    }

    @Test
    void countsOutsideOneToTheKernelsLimitAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MessageBatch.allocate(0, 8));
        assertThrows(IllegalArgumentException.class, () -> MessageBatch.allocate(MessageBatch.MAX_MESSAGES + 1, 8));
        assertThrows(IllegalArgumentException.class, () -> MessageBatch.allocate(2, -1));
        assertThrows(IllegalArgumentException.class, () -> MessageBatch.allocate(1024, Integer.MAX_VALUE / 512));
        assertThrows(IllegalArgumentException.class, MessageBatch::of);
        assertEquals(MessageBatch.MAX_MESSAGES, MessageBatch.allocate(MessageBatch.MAX_MESSAGES, 0).size());
    }

    @Test
    void ofKeepsTheCallersBuffersAndRefusesOneGivenTwice() {
        ByteBuffer heap = ByteBuffer.allocate(4);
        ByteBuffer readOnly = ByteBuffer.allocateDirect(4).asReadOnlyBuffer();
        ByteBuffer[] given = {heap, readOnly};
        MessageBatch batch = MessageBatch.of(given);
        given[0] = ByteBuffer.allocate(1);
        assertSame(heap, batch.buffer(0), "the batch keeps its own array");
        assertSame(readOnly, batch.buffer(1));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> MessageBatch.of(heap, heap));
        assertTrue(twice.getMessage().contains("buffer 1 is buffer 0"), twice.getMessage());
        assertThrows(NullPointerException.class, () -> MessageBatch.of(heap, null));
    }

    @Test
    void resultsAreRecordedPerMessageAndTruncationIsALengthBeyondTheBytesPlaced() {
        MessageBatch batch = MessageBatch.allocate(2, 8);
        BatchState.access().record(batch, 0, 8, 20);
        BatchState.access().record(batch, 1, 3, 3);
        assertEquals(8, batch.bytes(0));
        assertEquals(20, batch.messageLength(0));
        assertTrue(batch.truncated(0));
        assertFalse(batch.truncated(1));
        assertThrows(IndexOutOfBoundsException.class, () -> batch.messageLength(2));
        assertThrows(IndexOutOfBoundsException.class, () -> batch.buffer(-1));
    }

    @Test
    void clearClearsEveryBuffer() {
        MessageBatch batch = MessageBatch.allocate(2, 8);
        batch.buffer(0).put((byte) 1).flip();
        batch.buffer(1).position(5);
        assertSame(batch, batch.clear());
        assertEquals(0, batch.buffer(0).position());
        assertEquals(8, batch.buffer(0).limit());
        assertEquals(0, batch.buffer(1).position());
    }
}
