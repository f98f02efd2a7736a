package dev.uds.backend.ffm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Backend;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interrupt as {@code SocketChannel} does it, on platform and virtual threads: a thread blocked
 * in accept, receive or send is woken, the socket closed, and the call throws
 * ClosedByInterruptException with the interrupt status kept; an interrupted thread's call does
 * the same without blocking.
 */
class FfmInterruptTest {
    private static final Backend FFM = FfmTestSockets.ffm();

    /** A call that blocks until interrupted. */
    interface Blocking {
        void run(UnixSocket socket) throws Exception;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void interruptingABlockedReceiveClosesTheSocket(boolean virtual) throws Exception {
        try (SocketPair pair = FFM.pair(SocketType.SEQPACKET)) {
            assertInterruptedOutOf(pair.first(), virtual, s -> s.receive(ByteBuffer.allocate(8)));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void interruptingABlockedSendClosesTheSocket(boolean virtual) throws Exception {
        try (SocketPair pair = FFM.pair(SocketType.STREAM)) {
            // STREAM send writes everything: 16 MiB never fits in the unread peer's buffers.
            assertInterruptedOutOf(pair.first(), virtual, s -> s.send(ByteBuffer.allocateDirect(16 << 20)));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void interruptingABlockedAcceptClosesTheSocket(boolean virtual) throws Exception {
        try (UnixSocket listener = FFM.open(SocketType.STREAM)) {
            listener.bind(UnixAddress.unnamed());
            listener.listen(1);
            assertInterruptedOutOf(listener, virtual, s -> s.accept().close());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anInterruptedThreadsCallClosesTheSocketWithoutBlocking(boolean virtual) throws Exception {
        try (SocketPair pair = FFM.pair(SocketType.DGRAM)) {
            pair.second().send(ByteBuffer.wrap(new byte[] {1}));
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread thread = start(virtual, () -> {
                Thread.currentThread().interrupt();
                // Data is waiting, yet the call does not take it: the interrupt comes first.
                thrown.set(assertThrows(ClosedByInterruptException.class, () -> pair.first().receive(ByteBuffer.allocate(8))));
                assertTrue(Thread.currentThread().isInterrupted());
            });
            thread.join();
            assertInstanceOf(ClosedByInterruptException.class, thrown.get());
            assertFalse(pair.first().isOpen());
        }
    }

    static void assertInterruptedOutOf(UnixSocket socket, boolean virtual, Blocking call) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread thread = start(virtual, () -> {
            try {
                call.run(socket);
            } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        // Whether the interrupt finds the call blocked or not yet started, the outcome is the same.
        Thread.sleep(100);
        thread.interrupt();
        thread.join();
        assertInstanceOf(ClosedByInterruptException.class, thrown.get());
        assertTrue(stillInterrupted.get(), "the interrupt status is kept");
        assertFalse(socket.isOpen());
    }

    private static Thread start(boolean virtual, Runnable body) {
        return virtual ? Thread.ofVirtual().start(body) : Thread.ofPlatform().start(body);
    }
}
