package dev.uds.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.uds.Capability;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The views on virtual threads, many more than carriers: a server of {@link Socket} views echoing
 * on one virtual thread per connection, and clients of a {@link UnixSocketFactory} each on its
 * own. The module targets Java 17, so the virtual thread executor is looked up at run time; the
 * Java 17 run of these tests has none and skips, saying so.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VirtualThreadsTest {
    private static final int CLIENTS = 64;
    private static final int ROUND_TRIPS = 50;

    @TempDir
    Path dir;

    private static ExecutorService virtualThreads() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            // The Java 17 run (the parent's execution java17) leaves this class out.
            throw new IllegalStateException("Java " + Runtime.version().feature() + " has no virtual threads", e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#parkingVirtualThreads")
    void manyVirtualThreadsEchoThroughTheViewsAndTimeOutWithoutHoldingCarriers(String backend) throws Exception {
        UnixAddress address = UnixAddress.of(dir.resolve("virtual.sock"));
        UnixSocketFactory factory = UnixSocketFactory.of(backend, address);
        ExecutorService threads = virtualThreads();
        try (ServerSocket server = UnixSockets.serverSocket(
                     Backends.named(backend).listen(SocketType.STREAM, address, CLIENTS))) {
            Future<?> acceptor = threads.submit(() -> {
                for (int i = 0; i < CLIENTS; i++) {
                    Socket accepted = server.accept();
                    threads.submit(() -> echo(accepted));
                }
                return null;
            });
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(threads.submit(() -> {
                    try (Socket socket = factory.createSocket("ignored", 0)) {
                        InputStream in = socket.getInputStream();
                        OutputStream out = socket.getOutputStream();
                        if (Backends.supports(backend, Capability.RECEIVE_TIMEOUT) && client % 8 == 0) {
                            // A timed-out read parks, then gives its carrier back with the exception.
                            socket.setSoTimeout(50);
                            assertThrows(SocketTimeoutException.class, in::read);
                            socket.setSoTimeout(0);
                        }
                        byte[] message = new byte[100 + client];
                        byte[] reply = new byte[message.length];
                        for (int i = 0; i < ROUND_TRIPS; i++) {
                            java.util.Arrays.fill(message, (byte) (client + i));
                            out.write(message);
                            assertEquals(message.length, in.readNBytes(reply, 0, reply.length));
                            assertArrayEquals(message, reply);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get(100, TimeUnit.SECONDS);
            }
            acceptor.get(10, TimeUnit.SECONDS);
        } finally {
            // ExecutorService is AutoCloseable from Java 19 only; the echoes end with their clients.
            threads.shutdown();
            assertEquals(true, threads.awaitTermination(30, TimeUnit.SECONDS), "every echo ended");
        }
    }

    private static Void echo(Socket accepted) throws IOException {
        try (accepted) {
            InputStream in = accepted.getInputStream();
            OutputStream out = accepted.getOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
        }
        return null;
    }
}
