package dev.uds.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The blocking {@link SocketChannel} view against Python's socket module, on every backend. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChannelViewTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void gatheredWritesComeBackFromPythonIntoScatteredReads(String backend) throws Exception {
        Path path = dir.resolve("echo.sock");
        byte[] data = SocketStreamsTest.random(200_000, 3);
        try (PythonPeer python = PythonPeer.start(path.toString(), "echo");
             SocketChannel channel = UnixSockets.openChannel(backend, UnixAddress.of(path))) {
            // Heap and direct buffers, an empty one among them, and one larger than the write buffer.
            ByteBuffer[] out = {ByteBuffer.wrap(data, 0, 10), ByteBuffer.allocate(0),
                    ByteBuffer.allocateDirect(150_000).put(data, 10, 150_000).flip(),
                    ByteBuffer.wrap(data, 150_010, data.length - 150_010)};
            CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> {
                try {
                    long n = channel.write(out, 0, out.length);
                    channel.shutdownOutput();
                    return n;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            ByteBuffer first = ByteBuffer.allocate(7);
            ByteBuffer second = ByteBuffer.allocateDirect(70_001);
            ByteBuffer third = ByteBuffer.allocate(data.length - 7 - 70_001);
            ByteBuffer[] in = {first, second, third};
            long total = 0;
            while (total < data.length) {
                long n = channel.read(in);
                assertTrue(n > 0, "a blocking read with room returns at least one byte: " + n);
                total += n;
            }
            assertEquals(0, channel.read(in), "no room: nothing read, as the JDK's channels");
            assertEquals(-1, channel.read(new ByteBuffer[] {ByteBuffer.allocate(1)}), "then end of stream");
            assertEquals(data.length, writer.get(30, TimeUnit.SECONDS));
            byte[] echoed = new byte[data.length];
            first.flip().get(echoed, 0, 7);
            second.flip().get(echoed, 7, 70_001);
            third.flip().get(echoed, 70_008, third.remaining());
            assertArrayEquals(data, echoed);
            assertThrows(ClosedChannelException.class, () -> channel.write(ByteBuffer.wrap(new byte[1])));
            python.awaitSuccess();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void nonBlockingModeAndSelectorsAreRefusedSayingWhy(String backend) throws Exception {
        Path path = dir.resolve("blocking.sock");
        try (PythonPeer python = PythonPeer.start(path.toString(), "echo");
             SocketChannel channel = UnixSockets.openChannel(backend, UnixAddress.of(path));
             Selector selector = Selector.open()) {
            assertTrue(channel.isBlocking());
            assertSame(channel, channel.configureBlocking(true));
            UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
                    () -> channel.configureBlocking(false));
            assertTrue(refused.getMessage().contains("blocking") && refused.getMessage().contains("virtual thread"),
                    refused.getMessage());
            assertTrue(channel.isBlocking());
            assertThrows(IllegalBlockingModeException.class, () -> channel.register(selector, SelectionKey.OP_READ));
            // Still a working channel.
            channel.write(ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer reply = ByteBuffer.allocate(2);
            while (reply.hasRemaining()) {
                channel.read(reply);
            }
            assertEquals("ok", new String(reply.array(), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void addressesSocketAndUnixSocketComeFromTheOneConnection(String backend) throws Exception {
        Path path = dir.resolve("addresses.sock");
        try (PythonPeer python = PythonPeer.start(path.toString(), "pid");
             SocketChannel channel = UnixSockets.openChannel(backend, UnixAddress.of(path))) {
            assertTrue(channel.isConnected());
            assertFalse(channel.isConnectionPending());
            assertTrue(channel.finishConnect());
            assertEquals(UnixDomainSocketAddress.of(path), channel.getRemoteAddress());
            assertEquals(UnixDomainSocketAddress.of(""), channel.getLocalAddress(), "an unbound client is unnamed");
            UnixSocket socket = UnixSockets.unixSocket(channel);
            assertEquals(backend, socket.backend());
            assertEquals(socket.peerCredentials(), UnixSockets.peerCredentials(channel));
            Socket view = channel.socket();
            assertSame(view, channel.socket());
            assertSame(channel, view.getChannel());
            assertSame(socket, UnixSockets.unixSocket(view));
            assertEquals(channel.getRemoteAddress(), view.getRemoteSocketAddress());
            view.close();
            assertFalse(channel.isOpen(), "closing the Socket of a channel closes the channel");
            assertFalse(socket.isOpen());
            assertThrows(ClosedChannelException.class, channel::getRemoteAddress);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void anInterruptEndsABlockedReadAndClosesTheChannel(String backend) throws Exception {
        Path path = dir.resolve("interrupt.sock");
        try (PythonPeer python = PythonPeer.start(path.toString(), "echo");
             SocketChannel channel = UnixSockets.openChannel(backend, UnixAddress.of(path))) {
            CompletableFuture<Throwable> reader = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    channel.read(ByteBuffer.allocate(8));
                    reader.complete(null);
                } catch (Throwable e) {
                    reader.complete(e);
                }
            });
            thread.start();
            for (int i = 0; i < 20; i++) {
                Thread.sleep(10);
                assertFalse(reader.isDone(), "the read was to block, but ended: " + reader);
            }
            thread.interrupt();
            assertInstanceOf(ClosedByInterruptException.class, reader.get(20, TimeUnit.SECONDS));
            thread.join();
            assertFalse(channel.isOpen());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void aChannelOverAnUnconnectedSocketConnectsToAJdkAddress(String backend) throws Exception {
        Path path = dir.resolve("later.sock");
        try (PythonPeer python = PythonPeer.start(path.toString(), "echo");
             SocketChannel channel = UnixSockets.channel(Backends.named(backend).open(SocketType.STREAM))) {
            assertFalse(channel.isConnected());
            assertThrows(java.nio.channels.NotYetConnectedException.class, () -> channel.read(ByteBuffer.allocate(1)));
            assertTrue(channel.connect(UnixDomainSocketAddress.of(path)));
            assertTrue(channel.isConnected());
            assertThrows(java.nio.channels.AlreadyConnectedException.class,
                    () -> channel.connect(UnixDomainSocketAddress.of(path)));
            channel.write(ByteBuffer.wrap(new byte[] {5}));
            ByteBuffer one = ByteBuffer.allocate(1);
            assertEquals(1, channel.read(one));
            assertEquals(5, one.get(0));
        }
    }
}
