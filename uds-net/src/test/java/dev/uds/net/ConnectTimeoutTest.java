package dev.uds.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.UnixAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The connect timeout, against a Python listener whose backlog it filled itself: a blocking
 * connect(2) there waits for room that never comes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectTimeoutTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void connectToAFullBacklogTimesOutAndClosesTheSocket(String backend) throws Exception {
        Path path = dir.resolve("full.sock");
        try (PythonPeer python = PythonPeer.start(path.toString(), "full")) {
            Socket socket = UnixSocketFactory.of(backend, UnixAddress.of(path)).createSocket();
            try {
                SocketTimeoutException timeout = assertThrows(SocketTimeoutException.class,
                        () -> socket.connect(new InetSocketAddress("localhost", 5432), 300));
                assertTrue(timeout.getMessage().contains(path.toString()) && timeout.getMessage().contains("300 ms"),
                        timeout.getMessage());
                assertTrue(socket.isClosed(), "the JDK's sockets are closed when their connect times out");
            } finally {
                socket.close();
            }
            python.endInput();
            python.awaitSuccess();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void aConnectWithinItsTimeoutLeavesNothingBehind(String backend) throws Exception {
        Path path = dir.resolve("echo.sock");
        try (PythonPeer python = PythonPeer.start(path.toString(), "echo");
             Socket socket = UnixSocketFactory.of(backend, UnixAddress.of(path)).createSocket()) {
            socket.connect(new InetSocketAddress("localhost", 5432), 30_000);
            socket.getOutputStream().write(7);
            assertEquals(7, socket.getInputStream().read());
        }
        try (Socket unconnected = UnixSocketFactory.of(backend, UnixAddress.of(path)).createSocket()) {
            assertThrows(IllegalArgumentException.class,
                    () -> unconnected.connect(new InetSocketAddress("localhost", 1), -1));
        }
    }
}
