package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.SocketType;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** Use after close, and close from another thread while a call is blocked. */
public abstract class CloseTck extends TckPart {

    /** Creates the part. */
    protected CloseTck() {
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void everyCallAfterCloseThrowsClosedChannelException(SocketType type) throws IOException {
        Connection c = connect(type);
        UnixSocket s = c.client();
        s.close();
        assertFalse(s.isOpen());
        assertDoesNotThrow(s::close, "closing twice is harmless");
        Executable[] calls = {
            () -> s.send(bytes("x")), () -> s.receive(ByteBuffer.allocate(1)),
            () -> s.write(bytes("x")), () -> s.read(ByteBuffer.allocate(1)),
            () -> s.bind(newAddress()), () -> s.connect(newAddress()), () -> s.listen(1), s::accept,
            s::localAddress, s::remoteAddress, s::shutdownInput, s::shutdownOutput,
        };
        for (Executable call : calls) {
            assertThrows(ClosedChannelException.class, call);
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void closeFromAnotherThreadEndsBlockedReceive(SocketType type) throws Exception {
        Connection c = connect(type);
        assertEndsWithAsynchronousClose(c.server(), () -> c.server().receive(ByteBuffer.allocate(16)));
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    void closeFromAnotherThreadEndsBlockedAccept(SocketType type) throws Exception {
        UnixSocket server = closeLater(backend.listen(type, newAddress(), 1));
        assertEndsWithAsynchronousClose(server, server::accept);
    }

    private static void assertEndsWithAsynchronousClose(UnixSocket socket, Executable blockingCall) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread blocked = new Thread(() -> {
            try {
                blockingCall.execute();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        }, "blocked-call");
        blocked.start();
        // Give the call time to block in the kernel; if it has not yet, it finds the socket closed.
        Thread.sleep(300);
        assertFalse(outcome.isDone(), "the call returned before the close: " + outcome.getNow(null));
        socket.close();
        Throwable thrown = outcome.get(5, TimeUnit.SECONDS);
        assertInstanceOf(AsynchronousCloseException.class, thrown, "the blocked call ended with " + thrown);
        blocked.join(5_000);
        assertTrue(!blocked.isAlive());
    }
}
