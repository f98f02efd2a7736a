package dev.uds.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.UnixAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link Socket} view's streams against Python's socket module, on every backend. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketStreamsTest {
    @TempDir
    Path dir;

    static byte[] random(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    static String summary(byte[] data) throws NoSuchAlgorithmException {
        return data.length + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static byte[] readAll(InputStream in, byte[] buffer) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int n; (n = in.read(buffer)) != -1; ) {
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }

    /** As pgjdbc makes it: the (Properties) constructor with the connection's properties. */
    static UnixSocketFactory pgjdbcStyle(Path path, String backend) {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", "test");
        properties.setProperty("socketFactory", UnixSocketFactory.class.getName());
        properties.setProperty("socketFactoryArg", path.toString());
        properties.setProperty(UnixSocketFactory.BACKEND_PROPERTY, backend);
        return new UnixSocketFactory(properties);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void pythonEchoesEveryByteWrittenInPiecesOfEverySize(String backend) throws Exception {
        Path path = dir.resolve("echo.sock");
        byte[] data = random(3 * 1024 * 1024 + 17, 1);
        try (PythonPeer python = PythonPeer.start(path.toString(), "echo");
             Socket socket = UnixSocketFactory.of(backend, UnixAddress.of(path)).createSocket("db.example", 5432)) {
            OutputStream out = socket.getOutputStream();
            // Writes of growing sizes, single bytes among them, from another thread while this one reads.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    int offset = 0;
                    for (int size = 1; offset < data.length; size = size * 3 + 1) {
                        if (size % 2 == 0) {
                            out.write(data[offset++]);
                        }
                        int n = Math.min(size, data.length - offset);
                        out.write(data, offset, n);
                        offset += n;
                    }
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] echoed = readAll(socket.getInputStream(), new byte[100_003]);
            writer.get(30, TimeUnit.SECONDS);
            assertArrayEquals(data, echoed);
            assertTrue(socket.isOutputShutdown());
            python.awaitSuccess();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void bytesPythonSendsArriveIntactReadOneByOneAndInBlocks(String backend) throws Exception {
        Path path = dir.resolve("send.sock");
        try (PythonPeer python = PythonPeer.start(path.toString(), "send", "1000000");
             Socket socket = UnixSocketFactory.of(backend, UnixAddress.of(path)).createSocket()) {
            socket.connect(new InetSocketAddress("localhost", 5432), 10_000);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            for (int i = 0; i < 1000; i++) {
                int b = in.read();
                assertTrue(b >= 0 && b <= 255, "a byte, not " + b);
                received.write(b);
            }
            received.write(readAll(in, new byte[8192]));
            assertEquals(-1, in.read(), "end of stream stays end of stream");
            assertEquals(python.line(), summary(received.toByteArray()));
            python.awaitSuccess();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void halfCloseLetsPythonSeeEndOfStreamAndReplyOnTheOpenHalf(String backend) throws Exception {
        Path path = dir.resolve("digest.sock");
        byte[] data = random(500_000, 2);
        try (PythonPeer python = PythonPeer.start(path.toString(), "digest");
             Socket socket = pgjdbcStyle(path, backend).createSocket("ignored", 0)) {
            socket.getOutputStream().write(data);
            socket.shutdownOutput();
            assertTrue(socket.isOutputShutdown());
            assertFalse(socket.isInputShutdown());
            SocketException refused = assertThrows(SocketException.class, () -> socket.getOutputStream().write(1));
            assertTrue(refused.getMessage().contains("shut down"), refused.getMessage());
            byte[] reply = readAll(socket.getInputStream(), new byte[64]);
            assertEquals(summary(data) + "\n", new String(reply, StandardCharsets.US_ASCII));
            python.awaitSuccess();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void thePeerIsPythonByItsCredentialsAndAddress(String backend) throws Exception {
        Path path = dir.resolve("pid.sock");
        try (PythonPeer python = PythonPeer.start(path.toString(), "pid");
             Socket socket = UnixSocketFactory.of(backend, UnixAddress.of(path)).createSocket("ignored", 0)) {
            byte[] line = new byte[32];
            int n = socket.getInputStream().read(line);
            long reported = Long.parseLong(new String(line, 0, n, StandardCharsets.US_ASCII).strip());
            assertEquals(python.pid(), reported);
            dev.uds.PeerCredentials credentials = UnixSockets.peerCredentials(socket);
            assertEquals(UnixSockets.unixSocket(socket).peerCredentials(), credentials);
            if (Backends.supports(backend, dev.uds.Capability.PEER_PID)) {
                assertEquals(python.pid(), credentials.pid().orElseThrow());
            }
            assertEquals(java.nio.file.Files.getAttribute(dir, "unix:uid"), credentials.uid());
            assertEquals(UnixDomainSocketAddress.of(path), socket.getRemoteSocketAddress());
            assertEquals(backend, UnixSockets.unixSocket(socket).backend());
        }
    }
}
