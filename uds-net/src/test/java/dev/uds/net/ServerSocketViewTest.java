package dev.uds.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Capability;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link ServerSocket} view: Python connects to it, accept honours its timeout and its close. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerSocketViewTest {
    @TempDir
    Path dir;

    private ServerSocket listen(String backend, Path path) throws IOException {
        return UnixSockets.serverSocket(Backends.named(backend).listen(SocketType.STREAM, UnixAddress.of(path), 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void pythonClientSendsToAnAcceptedSocketAndReadsTheReply(String backend) throws Exception {
        Path path = dir.resolve("server.sock");
        try (ServerSocket server = listen(backend, path);
             PythonPeer python = PythonPeer.start(path.toString(), "client", "300000")) {
            try (Socket accepted = server.accept()) {
                assertTrue(accepted.isConnected());
                byte[] data = SocketStreamsTest.readAll(accepted.getInputStream(), new byte[4096]);
                accepted.getOutputStream().write(("got " + SocketStreamsTest.summary(data) + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
                accepted.shutdownOutput();
                String sent = python.line();
                assertEquals(sent, SocketStreamsTest.summary(data));
                assertEquals("got " + sent, python.line());
                if (Backends.supports(backend, Capability.PEER_PID)) {
                    assertEquals(python.pid(), UnixSockets.peerCredentials(accepted).pid().orElseThrow());
                }
            }
            python.awaitSuccess();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void acceptTimeoutThrowsSocketTimeoutExceptionAndTheServerStaysUsable(String backend) throws Exception {
        Path path = dir.resolve("timeout.sock");
        try (ServerSocket server = listen(backend, path)) {
            if (!Backends.supports(backend, Capability.RECEIVE_TIMEOUT)) {
                SocketException refused = assertThrows(SocketException.class, () -> server.setSoTimeout(100));
                assertTrue(refused.getMessage().contains("receive timeout"), refused.getMessage());
                assertEquals(0, server.getSoTimeout());
                return;
            }
            server.setSoTimeout(150);
            assertEquals(150, server.getSoTimeout());
            assertThrows(SocketTimeoutException.class, server::accept);
            assertFalse(server.isClosed());
            try (Socket client = UnixSocketFactory.of(backend, UnixAddress.of(path)).createSocket("x", 1);
                 Socket accepted = server.accept()) {
                client.getOutputStream().write(9);
                assertEquals(9, accepted.getInputStream().read());
                assertEquals(0, accepted.getSoTimeout(), "an accepted socket starts without a timeout");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void closeFromAnotherThreadEndsABlockedAccept(String backend) throws Exception {
        Path path = dir.resolve("close.sock");
        try (ServerSocket server = listen(backend, path)) {
            CompletableFuture<Socket> acceptor = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.accept();
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            for (int i = 0; i < 20; i++) {
                Thread.sleep(10);
                assertFalse(acceptor.isDone(), "accept was to block, but ended: " + acceptor);
            }
            server.close();
            ExecutionException ended = assertThrows(ExecutionException.class, () -> acceptor.get(20, TimeUnit.SECONDS));
            assertInstanceOf(SocketException.class, ended.getCause(), ended.toString());
            assertTrue(server.isClosed());
            assertThrows(SocketException.class, server::accept);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void theViewDescribesItsSocketAndRefusesToBindAgain(String backend) throws Exception {
        Path path = dir.resolve("describe.sock");
        UnixSocket listening = Backends.named(backend).listen(SocketType.STREAM, UnixAddress.of(path), 8);
        try (ServerSocket server = UnixSockets.serverSocket(listening)) {
            assertSame(listening, UnixSockets.unixSocket(server));
            assertEquals(UnixDomainSocketAddress.of(path), server.getLocalSocketAddress());
            assertTrue(server.isBound());
            assertNull(server.getInetAddress());
            assertEquals(-1, server.getLocalPort());
            assertNull(server.getChannel());
            SocketException bind = assertThrows(SocketException.class,
                    () -> server.bind(UnixDomainSocketAddress.of(dir.resolve("other.sock"))));
            assertTrue(bind.getMessage().contains(path.toString()), bind.getMessage());
            server.setReceiveBufferSize(64 * 1024);
            assertEquals(listening.getOption(dev.uds.UnixSocketOption.RECEIVE_BUFFER_SIZE),
                    server.getReceiveBufferSize());
            server.setReuseAddress(true);
            assertTrue(server.getReuseAddress());
            assertTrue(server.toString().contains(path.toString()), server.toString());
        }
        assertFalse(listening.isOpen(), "closing the view closes the socket");
        try (UnixSocket dgram = Backends.named("jnr").open(SocketType.DGRAM)) {
            assertThrows(IllegalArgumentException.class, () -> UnixSockets.serverSocket(dgram));
            assertThrows(IllegalArgumentException.class, () -> UnixSockets.socket(dgram));
        }
    }
}
