package dev.uds.backend.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Backend;
import dev.uds.ConnectionRefusedException;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Addresses as unix(7) defines them, read back from the kernel. */
class FfmAddressTest {
    private final Backend ffm = FfmTestSockets.ffm();

    private static UnixAddress uniqueAbstract(String prefix) {
        return UnixAddress.abstractName("uds-ffm-test-" + prefix + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"STREAM", "SEQPACKET"})
    void abstractAddressIsReportedByBothEnds(SocketType type) throws IOException {
        UnixAddress address = uniqueAbstract("both-ends");
        try (UnixSocket server = ffm.listen(type, address, 1);
             UnixSocket client = ffm.connect(type, address);
             UnixSocket accepted = server.accept()) {
            assertEquals(address, server.localAddress());
            assertEquals(address, client.remoteAddress());
            assertEquals(address, accepted.localAddress());
            assertEquals(UnixAddress.unnamed(), accepted.remoteAddress());
        }
    }

    @Test
    void abstractNameWithNulBytesIsKeptWhole() throws IOException {
        byte[] name = ("nul\0inside\0" + System.nanoTime() + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        UnixAddress address = UnixAddress.abstractName(name);
        try (UnixSocket server = ffm.listen(SocketType.STREAM, address, 1)) {
            UnixAddress bound = server.localAddress();
            assertArrayEquals(name, ((UnixAddress.Abstract) bound).name());
            // The name ends at the address length, not at the first NUL: "nul" is another name.
            assertThrows(ConnectionRefusedException.class,
                    () -> ffm.connect(SocketType.STREAM, UnixAddress.abstractName("nul")).close());
            try (UnixSocket client = ffm.connect(SocketType.STREAM, address)) {
                assertEquals(address, client.remoteAddress());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void bindingToUnnamedAutobindsToFiveHexDigits(SocketType type) throws IOException {
        try (UnixSocket socket = ffm.open(type)) {
            socket.bind(UnixAddress.unnamed());
            UnixAddress.Abstract name = assertInstanceOf(UnixAddress.Abstract.class, socket.localAddress());
            String text = new String(name.name(), java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(text.matches("[0-9a-f]{5}"), "autobind name: " + name);
            HexFormat.fromHexDigits(text);
        }
    }

    @Test
    void autoboundDatagramSocketIsReachableAtItsName() throws IOException {
        try (UnixSocket receiver = ffm.open(SocketType.DGRAM); UnixSocket sender = ffm.open(SocketType.DGRAM)) {
            receiver.bind(UnixAddress.unnamed());
            sender.connect(receiver.localAddress());
            sender.send(ByteBuffer.wrap(new byte[] {42}));
            ByteBuffer in = ByteBuffer.allocate(4);
            assertEquals(1, receiver.receive(in));
            assertEquals(42, in.get(0));
        }
    }

    @Test
    void unboundSocketIsUnnamed() throws IOException {
        try (UnixSocket socket = ffm.open(SocketType.STREAM)) {
            assertEquals(UnixAddress.unnamed(), socket.localAddress());
        }
    }

    @Test
    void connectToMissingPathThrowsConnectException(@TempDir Path dir) {
        Path missing = dir.resolve("missing.sock");
        ConnectException e = assertThrows(ConnectException.class,
                () -> ffm.connect(SocketType.STREAM, UnixAddress.of(missing)).close());
        assertTrue(e.getMessage().contains("connect " + missing), e.getMessage());
        assertTrue(e.getMessage().contains("ENOENT"), e.getMessage());
    }

    @Test
    void pathnameFillingSunPathRoundTrips() throws IOException {
        Path dir = Files.createTempDirectory("ffm");
        try {
            String base = dir + "/";
            Path path = Path.of(base + "s".repeat(UnixAddress.MAX_PATHNAME_BYTES - base.length()));
            assertEquals(UnixAddress.MAX_PATHNAME_BYTES, path.toString().length());
            try (UnixSocket server = ffm.listen(SocketType.STREAM, UnixAddress.of(path), 1);
                 UnixSocket client = ffm.connect(SocketType.STREAM, UnixAddress.of(path))) {
                assertEquals(UnixAddress.of(path), server.localAddress());
                assertEquals(UnixAddress.of(path), client.remoteAddress());
            } finally {
                Files.deleteIfExists(path);
            }
        } finally {
            Files.delete(dir);
        }
    }
}
