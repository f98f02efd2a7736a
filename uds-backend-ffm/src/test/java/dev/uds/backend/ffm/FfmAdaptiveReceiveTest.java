package dev.uds.backend.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Backend;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixSocketOption;
import dev.uds.UnixSocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-socket rule of {@link FfmTransfer}'s receives: once a platform thread's first try found
 * nothing, a receive that leaves room in its buffer makes the next one block at once, and one that
 * fills it makes the next one try first.
 * What must hold: the rule switches as it says, no byte is lost either way, and a receive that
 * blocks at once still ends on close and on interrupt.
 */
class FfmAdaptiveReceiveTest {
    private final Backend ffm = FfmTestSockets.ffm();

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void aReceiveThatWaitedMakesTheNextBlockAtOnceUntilOneFillsItsBuffer(SocketType type) throws Exception {
        try (SocketPair pair = ffm.pair(type)) {
            FfmUnixSocket receiver = (FfmUnixSocket) pair.second();
            ByteBuffer in = ByteBuffer.allocateDirect(16);
            pair.first().send(ByteBuffer.wrap(new byte[] {7}));
            assertEquals(1, receiver.receive(in));
            assertFalse(receiver.receiveBlocksAtOnce(), "a socket whose receives never waited keeps trying first");
            // Nothing to read: the first try gets EAGAIN, the blocking call times out.
            receiver.setOption(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofMillis(20));
            assertThrows(UnixSocketTimeoutException.class, () -> receiver.receive(ByteBuffer.allocateDirect(16)));
            assertTrue(receiver.receiveBlocksAtOnce(), "the receive had to wait: the next one should block at once");

            in.clear();
            pair.first().send(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertEquals(3, receiver.receive(in));
            assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), in.flip());
            assertTrue(receiver.receiveBlocksAtOnce(), "a receive that left room says nothing more is queued");

            byte[] full = new byte[16];
            for (int i = 0; i < full.length; i++) {
                full[i] = (byte) (100 + i);
            }
            pair.first().send(ByteBuffer.wrap(full));
            in.clear();
            assertEquals(16, receiver.receive(in));
            byte[] got = new byte[16];
            in.flip().get(got);
            assertArrayEquals(full, got);
            assertFalse(receiver.receiveBlocksAtOnce(), "a receive that filled its buffer brings the first try back");

            // That first try finds data and leaves room: the queue is empty again.
            pair.first().send(ByteBuffer.wrap(new byte[] {4, 5}));
            in.clear();
            assertEquals(2, receiver.receive(in));
            assertTrue(receiver.receiveBlocksAtOnce(), "a receive that left room emptied the queue");
        }
    }

    @Test
    void aVirtualThreadsReceiveLeavesTheRuleAlone() throws Exception {
        try (SocketPair pair = ffm.pair(SocketType.STREAM)) {
            FfmUnixSocket receiver = (FfmUnixSocket) pair.second();
            receiver.setOption(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofMillis(20));
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread.ofVirtual().start(() -> thrown.set(assertThrows(UnixSocketTimeoutException.class,
                    () -> receiver.receive(ByteBuffer.allocateDirect(16))))).join();
            assertInstanceOf(UnixSocketTimeoutException.class, thrown.get());
            assertFalse(receiver.receiveBlocksAtOnce(), "a virtual thread parks: its try first is never wasted");
        }
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void closeEndsAReceiveThatBlocksAtOnce(SocketType type) throws Exception {
        try (SocketPair pair = ffm.pair(type)) {
            FfmUnixSocket receiver = (FfmUnixSocket) pair.second();
            receiver.receiveWaited();
            Throwable t = FfmAsyncCloseTest.closeWhileBlocked(receiver, () -> receiver.receive(ByteBuffer.allocateDirect(8)));
            assertInstanceOf(AsynchronousCloseException.class, t);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void interruptEndsAReceiveThatBlocksAtOnce(boolean virtual) throws Exception {
        try (SocketPair pair = ffm.pair(SocketType.STREAM)) {
            FfmUnixSocket receiver = (FfmUnixSocket) pair.second();
            receiver.receiveWaited();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            Runnable body = () -> {
                try {
                    receiver.receive(ByteBuffer.allocateDirect(8));
                } catch (Throwable t) {
                    thrown.set(t);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            };
            Thread thread = virtual ? Thread.ofVirtual().start(body) : Thread.ofPlatform().start(body);
            // Whether the interrupt finds the call blocked or not yet started, the outcome is the same.
            Thread.sleep(100);
            thread.interrupt();
            thread.join();
            assertInstanceOf(ClosedByInterruptException.class, thrown.get());
            assertTrue(stillInterrupted.get(), "the interrupt status is kept");
            assertFalse(receiver.isOpen());
        }
    }
}
