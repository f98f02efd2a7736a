package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Thread#interrupt()} as {@link java.nio.channels.InterruptibleChannel} defines it, on
 * platform and virtual threads: interrupting a thread blocked in accept, connect, send or receive
 * closes the socket and ends the call with {@link ClosedByInterruptException}; a call made with
 * the interrupt flag already set does the same without blocking, even where data is waiting. The
 * flag stays set. A receive of every socket type the backend has.
 */
@Requires(types = SocketType.STREAM)
public abstract class InterruptTck extends TckPart {

    /** Creates the part. */
    protected InterruptTck() {
    }

    /** A call that blocks, and the socket it blocks on. */
    private record Blocking(UnixSocket socket, Executable call) {
    }

    /** The four calls that block, each set up so that it has to wait. */
    enum Call {
        /** A receive with nothing sent. */
        RECEIVE,
        /** An accept with no one connecting. */
        ACCEPT,
        /** A send larger than both socket buffers, to a peer that never reads. */
        SEND,
        /** A connect to a listener whose backlog is full. */
        CONNECT
    }

    /** Every call on every kind of thread this runtime has (no virtual threads on Java 17). */
    static Stream<Arguments> threadsAndCalls() {
        return Arrays.stream(ThreadKind.values()).filter(ThreadKind::existsHere)
                .flatMap(kind -> Arrays.stream(Call.values()).map(call -> Arguments.of(kind, call)));
    }

    private Blocking blocking(Call call) throws IOException {
        switch (call) {
            case RECEIVE: {
                UnixSocket s = connect(SocketType.STREAM).server();
                return new Blocking(s, () -> s.receive(ByteBuffer.allocate(8)));
            }
            case ACCEPT: {
                UnixSocket s = closeLater(backend.listen(SocketType.STREAM, newAddress(), 1));
                return new Blocking(s, s::accept);
            }
            case SEND: {
                UnixSocket s = connect(SocketType.STREAM).client();
                ByteBuffer tooMuch = ByteBuffer.allocate(16 << 20);
                return new Blocking(s, () -> s.send(tooMuch));
            }
            case CONNECT: {
                UnixAddress address = newAddress();
                closeLater(backend.listen(SocketType.STREAM, address, 1));
                // Linux queues backlog + 1 connections: these two fit, the next one waits.
                closeLater(backend.connect(SocketType.STREAM, address));
                closeLater(backend.connect(SocketType.STREAM, address));
                UnixSocket s = closeLater(backend.open(SocketType.STREAM));
                return new Blocking(s, () -> s.connect(address));
            }
            default:
                throw new AssertionError(call);
        }
    }

    @ParameterizedTest(name = "{1} on a {0} thread")
    @MethodSource("threadsAndCalls")
    void interruptingABlockedCallClosesTheSocket(ThreadKind kind, Call call) throws Exception {
        assertInterruptCloses(blocking(call), kind, false, call + " interrupted while blocked");
    }

    @ParameterizedTest(name = "{1} on a {0} thread")
    @MethodSource("threadsAndCalls")
    void aCallWithTheInterruptFlagSetClosesTheSocketWithoutBlocking(ThreadKind kind, Call call) throws Exception {
        assertInterruptCloses(blocking(call), kind, true, call + " made with the interrupt flag set");
    }

    /** Every kind of thread this runtime has, with each socket type that keeps message boundaries. */
    static Stream<Arguments> threadsAndMessageTypes() {
        return Arrays.stream(ThreadKind.values()).filter(ThreadKind::existsHere)
                .flatMap(kind -> Stream.of(SocketType.SEQPACKET, SocketType.DGRAM).map(type -> Arguments.of(kind, type)));
    }

    @ParameterizedTest(name = "{1} on a {0} thread")
    @MethodSource("threadsAndMessageTypes")
    @Requires(types = {SocketType.SEQPACKET, SocketType.DGRAM})
    void interruptingABlockedReceiveOfAMessageClosesTheSocket(ThreadKind kind, SocketType type) throws Exception {
        UnixSocket s = connect(type).server();
        assertInterruptCloses(new Blocking(s, () -> s.receive(ByteBuffer.allocate(8))), kind, false,
                type + " receive interrupted while blocked");
    }

    /** Every kind of thread this runtime has. */
    static Stream<ThreadKind> threads() {
        return Arrays.stream(ThreadKind.values()).filter(ThreadKind::existsHere);
    }

    @ParameterizedTest(name = "on a {0} thread")
    @MethodSource("threads")
    void theInterruptFlagComesBeforeDataAlreadyWaiting(ThreadKind kind) throws Exception {
        Connection c = connect(SocketType.STREAM);
        sendText(c.client(), "waiting");
        // The data would let the receive return at once; the flag still closes the socket first.
        assertInterruptCloses(new Blocking(c.server(), () -> c.server().receive(ByteBuffer.allocate(8))), kind, true,
                "a receive with data waiting, made with the interrupt flag set");
    }

    /**
     * Runs a blocking call on a thread of a kind, interrupting it once blocked or setting the
     * flag before the call, and checks what the interrupt did; closes the socket in any case, which
     * ends the call if the interrupt did not.
     */
    private static void assertInterruptCloses(Blocking blocking, ThreadKind kind, boolean flagFirst, String what)
            throws Exception {
        CallOnThread running = flagFirst ? CallOnThread.startInterrupted(kind, blocking.call())
                : CallOnThread.start(kind, blocking.call());
        try {
            if (!flagFirst) {
                running.assertBlocked(what + " on " + blocking.socket());
                running.interrupt();
            }
            assertClosedByInterrupt(blocking, running, what);
        } finally {
            blocking.socket().close();
            running.join();
        }
    }

    private static void assertClosedByInterrupt(Blocking blocking, CallOnThread running, String what) throws Exception {
        Throwable thrown = running.outcome(what);
        assertInstanceOf(ClosedByInterruptException.class, thrown, what + " ended with " + thrown);
        assertFalse(blocking.socket().isOpen(), what + ": the socket is closed");
        assertThrows(ClosedChannelException.class, () -> blocking.socket().localAddress(),
                what + ": later calls find the socket closed");
        assertTrue(running.interruptedAfter(), what + ": the thread's interrupt flag stays set");
    }
}
