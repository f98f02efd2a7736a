package dev.uds.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Capability;
import dev.uds.UnixAddress;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link Socket} view's states, timeouts, close and options, both ends real views on every backend. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketLifecycleTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void readTimeoutThrowsSocketTimeoutExceptionAndTheSocketStaysUsable(String backend) throws Exception {
        try (ViewPair pair = ViewPair.open(backend, dir)) {
            Socket client = pair.client();
            if (!Backends.supports(backend, Capability.RECEIVE_TIMEOUT)) {
                SocketException refused = assertThrows(SocketException.class, () -> client.setSoTimeout(100));
                assertTrue(refused.getMessage().contains("receive timeout") && refused.getMessage().contains(backend),
                        refused.getMessage());
                assertEquals(0, client.getSoTimeout());
                client.setSoTimeout(0); // no limit is what the backend has: accepted
                return;
            }
            client.setSoTimeout(150);
            assertEquals(150, client.getSoTimeout());
            // The kernel keeps SO_RCVTIMEO in jiffies: what it reads back is rounded up, never less.
            java.time.Duration set = UnixSockets.unixSocket(client).getOption(UnixSocketOption.RECEIVE_TIMEOUT);
            assertTrue(set.compareTo(java.time.Duration.ofMillis(150)) >= 0
                    && set.compareTo(java.time.Duration.ofMillis(200)) < 0, set.toString());
            InputStream in = client.getInputStream();
            assertThrows(SocketTimeoutException.class, in::read);
            assertFalse(client.isClosed());
            pair.accepted().getOutputStream().write(new byte[] {42, 43});
            assertEquals(42, in.read());
            assertEquals(43, in.read());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void closeFromAnotherThreadEndsABlockedReadWithSocketException(String backend) throws Exception {
        try (ViewPair pair = ViewPair.open(backend, dir)) {
            Socket client = pair.client();
            InputStream in = client.getInputStream();
            CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.read(new byte[16]);
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            // The read has to be blocked before the close for the test to mean anything: wait until
            // the reading thread is parked or in the kernel, which the reader never leaves by itself.
            awaitBlocked(reader);
            client.close();
            ExecutionException ended = assertThrows(ExecutionException.class, () -> reader.get(20, TimeUnit.SECONDS));
            assertInstanceOf(SocketException.class, ended.getCause(), ended.toString());
            assertTrue(client.isClosed());
            assertTrue(client.isConnected(), "a closed socket still says it was connected, as the JDK's do");
            assertThrows(SocketException.class, () -> in.read());
            assertThrows(SocketException.class, client::getInputStream);
            // The peer sees end of stream.
            assertEquals(-1, pair.accepted().getInputStream().read());
        }
    }

    /** Waits until the future's thread has had time to block: it is not done after repeated checks. */
    private static void awaitBlocked(CompletableFuture<?> future) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            Thread.sleep(10);
            assertFalse(future.isDone(), "the read was to block, but ended: " + future);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void shutdownInputMakesReadsReturnEndOfStreamAndKeepsWriting(String backend) throws Exception {
        try (ViewPair pair = ViewPair.open(backend, dir)) {
            Socket client = pair.client();
            InputStream in = client.getInputStream();
            client.shutdownInput();
            assertTrue(client.isInputShutdown());
            assertEquals(-1, in.read());
            assertEquals(0, in.available());
            assertThrows(SocketException.class, client::getInputStream);
            assertThrows(SocketException.class, client::shutdownInput);
            client.getOutputStream().write(new byte[] {1, 2, 3});
            byte[] got = new byte[3];
            assertEquals(3, pair.accepted().getInputStream().readNBytes(got, 0, 3));
            assertArrayEquals(new byte[] {1, 2, 3}, got);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void stateFlagsFollowTheSocketsLife(String backend) throws Exception {
        Path path = dir.resolve("state.sock");
        try (ViewPair pair = ViewPair.open(backend, dir);
             Socket unconnected = UnixSocketFactory.of(backend, UnixAddress.of(path)).createSocket()) {
            assertFalse(unconnected.isConnected());
            assertFalse(unconnected.isClosed());
            assertNull(unconnected.getRemoteSocketAddress());
            assertThrows(SocketException.class, unconnected::getInputStream);
            Socket client = pair.client();
            assertTrue(client.isConnected());
            assertTrue(client.isBound());
            assertFalse(client.isClosed() || client.isInputShutdown() || client.isOutputShutdown());
            assertNull(client.getInetAddress());
            assertEquals(-1, client.getLocalPort());
            assertNull(client.getChannel(), "a factory's socket has no channel, as the JDK's sockets made without one");
            assertEquals(java.net.UnixDomainSocketAddress.of(dir.resolve("pair.sock")), client.getRemoteSocketAddress());
            assertEquals(java.net.UnixDomainSocketAddress.of(dir.resolve("pair.sock")),
                    pair.accepted().getLocalSocketAddress());
            assertTrue(client.toString().contains(backend), client.toString());
            SocketException twice = assertThrows(SocketException.class,
                    () -> client.connect(java.net.UnixDomainSocketAddress.of(path)));
            assertTrue(twice.getMessage().contains("already connected"), twice.getMessage());
            client.close();
            client.close(); // closing twice is allowed
            assertTrue(client.isClosed());
            assertThrows(SocketException.class, () -> client.setSoTimeout(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void tcpOptionsAreAcceptedAndIgnoredAndBufferSizesAreTheSockets(String backend) throws Exception {
        try (ViewPair pair = ViewPair.open(backend, dir)) {
            Socket client = pair.client();
            client.setTcpNoDelay(true);
            client.setKeepAlive(true);
            client.setSoLinger(true, 5);
            client.setTrafficClass(0x10);
            client.setReuseAddress(true);
            client.setOOBInline(true);
            client.setPerformancePreferences(0, 1, 2);
            assertTrue(client.getTcpNoDelay());
            assertTrue(client.getKeepAlive());
            assertEquals(5, client.getSoLinger());
            assertEquals(0x10, client.getTrafficClass());
            assertTrue(client.getReuseAddress() && client.getOOBInline());
            assertEquals(Boolean.TRUE, client.getOption(StandardSocketOptions.TCP_NODELAY));
            assertThrows(SocketException.class, () -> client.sendUrgentData(1));

            client.setReceiveBufferSize(96 * 1024);
            client.setSendBufferSize(80 * 1024);
            // The figures read back are the socket's own: at least what was set (Linux doubles it,
            // socket(7); the JDK's channels report it halved again).
            assertTrue(client.getReceiveBufferSize() >= 96 * 1024, "SO_RCVBUF " + client.getReceiveBufferSize());
            assertTrue(client.getSendBufferSize() >= 80 * 1024, "SO_SNDBUF " + client.getSendBufferSize());
            assertEquals(client.getReceiveBufferSize(),
                    UnixSockets.unixSocket(client).getOption(UnixSocketOption.RECEIVE_BUFFER_SIZE));
            assertEquals(client.getSendBufferSize(), client.getOption(StandardSocketOptions.SO_SNDBUF));
            assertThrows(IllegalArgumentException.class, () -> client.setReceiveBufferSize(0));
            assertThrows(UnsupportedOperationException.class,
                    () -> client.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void connectingToNothingFailsNamingThePathAndClosesTheSocket(String backend) throws Exception {
        Path missing = dir.resolve("missing.sock");
        Socket socket = UnixSocketFactory.of(backend, UnixAddress.of(missing)).createSocket();
        try {
            IOException failed = assertThrows(IOException.class,
                    () -> socket.connect(new java.net.InetSocketAddress("localhost", 5432), 1000));
            assertInstanceOf(java.net.ConnectException.class, failed, failed.toString());
            assertTrue(failed.getMessage().contains(missing.toString()), failed.getMessage());
            assertTrue(socket.isClosed(), "the JDK's sockets are closed when their connect fails");
        } finally {
            socket.close();
        }
        SocketException local = assertThrows(SocketException.class, () -> UnixSocketFactory.of(backend,
                UnixAddress.of(missing)).createSocket("h", 1, java.net.InetAddress.getLoopbackAddress(), 9000));
        assertTrue(local.getMessage().contains("no IP addresses or ports"), local.getMessage());
    }
}
