package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.AddressInUseException;
import dev.uds.AddressTooLongException;
import dev.uds.BrokenPipeException;
import dev.uds.ConnectionRefusedException;
import dev.uds.Errno;
import dev.uds.NativeError;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** The same exception type for the same condition, on every backend, with messages that say why. */
public abstract class ErrorTck extends TckPart {

    /** Creates the part. */
    protected ErrorTck() {
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void connectToMissingPathThrowsConnectException(SocketType type) throws IOException {
        UnixAddress missing = newAddress();
        try (UnixSocket socket = backend.open(type)) {
            ConnectException e = assertThrows(ConnectException.class, () -> socket.connect(missing));
            assertInstanceOf(ConnectionRefusedException.class, e);
            assertEquals(Errno.ENOENT.number(), ((NativeError) e).errno());
            assertTrue(e.getMessage().contains("connect") && e.getMessage().contains(missing.toString())
                    && e.getMessage().contains("ENOENT"), "message names the call, the path and the errno: " + e.getMessage());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    void connectToSocketFileWithNoListenerIsRefused(SocketType type) throws IOException {
        UnixAddress address = newAddress();
        closeLater(backend.open(type)).bind(address);
        try (UnixSocket socket = backend.open(type)) {
            ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class, () -> socket.connect(address));
            assertEquals(Errno.ECONNREFUSED.number(), e.errno());
            assertTrue(e.getMessage().contains("ECONNREFUSED"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void bindToPathInUseThrowsBindException(SocketType type) throws IOException {
        UnixAddress address = newAddress();
        closeLater(backend.listen(type, address, 1));
        try (UnixSocket second = backend.open(type)) {
            BindException e = assertThrows(BindException.class, () -> second.bind(address));
            assertInstanceOf(AddressInUseException.class, e);
            assertTrue(e.getMessage().contains("bind") && e.getMessage().contains(address.toString())
                    && e.getMessage().contains("EADDRINUSE"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void bindOverAnOrdinaryFileThrowsBindException(SocketType type) throws IOException {
        Path file = Files.createFile(dir.resolve("plain"));
        try (UnixSocket socket = backend.open(type)) {
            assertThrows(AddressInUseException.class, () -> socket.bind(UnixAddress.of(file)));
        }
        assertTrue(Files.isRegularFile(file), "the file is left as it was");
    }

    @Test
    void pathLongerThanSunPathIsRefusedWithLengthAndLimit() {
        String path = "/tmp/" + "x".repeat(103); // 108 bytes: one more than sun_path can hold with its NUL
        AddressTooLongException e = assertThrows(AddressTooLongException.class, () -> UnixAddress.of(path));
        assertTrue(e.getMessage().contains("108") && e.getMessage().contains("107"), e.getMessage());
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void pathOfExactly107BytesBinds(SocketType type) throws IOException {
        String prefix = dir + "/";
        Path path = Path.of(prefix + "p".repeat(UnixAddress.MAX_PATHNAME_BYTES - prefix.length()));
        assertEquals(107, path.toString().length());
        closeLater(backend.listen(type, UnixAddress.of(path), 1));
        assertTrue(Files.exists(path), "the socket file has the whole name, not a cut one");
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    void sendToClosedPeerThrowsBrokenPipe(SocketType type) throws IOException {
        Connection c = connect(type);
        c.server().close();
        // STREAM may accept one write into the buffer before the kernel sees the close; the next fails.
        IOException e = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 3; i++) {
                c.client().send(bytes("x"));
            }
        });
        assertTrue(e instanceof BrokenPipeException || e instanceof dev.uds.ConnectionResetException,
                "EPIPE or ECONNRESET, never a signal: " + e);
        assertTrue(c.client().isOpen());
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void sendAfterShutdownOutputThrowsBrokenPipe(SocketType type) throws IOException {
        // send(2) gives EPIPE on a socket shut down for writing; the socket stays open and readable.
        Connection c = connect(type);
        c.client().shutdownOutput();
        BrokenPipeException e = assertThrows(BrokenPipeException.class, () -> c.client().send(bytes("x")));
        assertTrue(e.getMessage().contains("send") && e.getMessage().contains("EPIPE"), e.getMessage());
        assertTrue(c.client().isOpen());
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    void listenOnUnboundSocketFailsWithEinval(SocketType type) throws IOException {
        // Linux does not autobind on listen(2): only bind with the family alone, and connect or
        // send with SO_PASSCRED, do (unix(7), "Autobind feature").
        try (UnixSocket socket = backend.open(type)) {
            UnixSocketException e = assertThrows(UnixSocketException.class, () -> socket.listen(1));
            assertEquals(Errno.EINVAL.number(), e.errno());
            assertTrue(e.getMessage().contains("listen") && e.getMessage().contains("EINVAL"), e.getMessage());
        }
        try (var files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent(), "no file created");
        }
    }
}
