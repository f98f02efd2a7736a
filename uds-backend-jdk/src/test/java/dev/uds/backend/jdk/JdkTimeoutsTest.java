package dev.uds.backend.jdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Backend;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import dev.uds.UnixSocketTimeoutException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The timed path of the {@code jdk} backend ({@link JdkTimeouts}): once a timeout is set the
 * channel is non-blocking and calls wait in a selector, which must still end on data, on close
 * and on interrupt, on platform and virtual threads, as the blocking channel's calls do.
 */
class JdkTimeoutsTest {
    private static final Duration LONG = Duration.ofMinutes(5);
    private final Backend jdk = UnixDomain.backend("jdk");
    private Path dir;
    private UnixSocket server;
    private UnixSocket client;
    private UnixSocket accepted;

    @BeforeEach
    void connect() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "uds-jdk-timeouts");
        UnixAddress address = UnixAddress.of(dir.resolve("s"));
        server = jdk.listen(SocketType.STREAM, address, 1);
        client = jdk.open(SocketType.STREAM);
        // Set before connecting: the channel turns non-blocking once connected.
        client.setOption(UnixSocketOption.SEND_TIMEOUT, LONG);
        client.connect(address);
        accepted = server.accept();
        accepted.setOption(UnixSocketOption.RECEIVE_TIMEOUT, LONG);
    }

    @AfterEach
    void close() throws IOException {
        try (UnixSocket a = server; UnixSocket b = client; UnixSocket c = accepted) {
            Files.deleteIfExists(dir.resolve("s"));
            Files.delete(dir);
        }
    }

    @Test
    void dataSentDuringTheWaitIsReceived() throws Exception {
        CompletableFuture<String> received = onThread(Thread::new, () -> {
            ByteBuffer buffer = ByteBuffer.allocate(5);
            accepted.receive(buffer);
            return new String(buffer.array(), 0, buffer.position(), java.nio.charset.StandardCharsets.US_ASCII);
        });
        Thread.sleep(200);
        client.send(ByteBuffer.wrap("later".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals("later", received.get(10, TimeUnit.SECONDS), "one send of 5 bytes, received whole");
    }

    @Test
    void aLargeSendWithATimeoutArrivesWhole() throws Exception {
        byte[] data = new byte[8 << 20];
        new Random(14).nextBytes(data);
        CompletableFuture<Integer> sent = onThread(Thread::new, () -> client.send(ByteBuffer.wrap(data)));
        ByteBuffer into = ByteBuffer.allocate(data.length);
        while (into.hasRemaining()) {
            assertTrue(accepted.receive(into) > 0);
        }
        assertEquals(data.length, sent.get(10, TimeUnit.SECONDS));
        assertArrayEquals(data, into.array());
    }

    @Test
    void closeEndsAReceiveWaitingForItsTimeout() throws Exception {
        CompletableFuture<Integer> received = onThread(Thread::new, () -> accepted.receive(ByteBuffer.allocate(8)));
        Thread.sleep(300);
        assertFalse(received.isDone());
        accepted.close();
        assertInstanceOf(AsynchronousCloseException.class, failureOf(received));
    }

    @Test
    void interruptEndsAReceiveWaitingForItsTimeoutOnAPlatformThread() throws Exception {
        assertInterruptCloses(Thread::new);
    }

    @Test
    void interruptEndsAReceiveWaitingForItsTimeoutOnAVirtualThread() throws Exception {
        assertInterruptCloses(virtualThreads());
    }

    @Test
    void aTimeoutExpiresOnAVirtualThread() throws Exception {
        accepted.setOption(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofMillis(50));
        CompletableFuture<Integer> received = onThread(virtualThreads(), () -> accepted.receive(ByteBuffer.allocate(8)));
        assertInstanceOf(UnixSocketTimeoutException.class, failureOf(received));
        assertTrue(accepted.isOpen());
    }

    @Test
    void anAcceptThatTimedOutLeavesTheListenerAccepting() throws IOException {
        server.setOption(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofMillis(50));
        UnixSocketTimeoutException e = assertThrows(UnixSocketTimeoutException.class, server::accept);
        assertTrue(e.getMessage().contains("accept") && e.getMessage().contains("EAGAIN"), e.getMessage());
        try (UnixSocket late = jdk.connect(SocketType.STREAM, server.localAddress()); UnixSocket taken = server.accept()) {
            assertTrue(taken.isOpen() && late.isOpen());
        }
    }

    private void assertInterruptCloses(ThreadFactory threads) throws Exception {
        Thread[] thread = new Thread[1];
        CompletableFuture<Integer> received = onThread(task -> thread[0] = threads.newThread(task),
                () -> accepted.receive(ByteBuffer.allocate(8)));
        Thread.sleep(300);
        assertFalse(received.isDone());
        thread[0].interrupt();
        assertInstanceOf(ClosedByInterruptException.class, failureOf(received));
        assertFalse(accepted.isOpen(), "the interrupt closed the socket");
    }

    private static ThreadFactory virtualThreads() throws ReflectiveOperationException {
        // Compiled for Java 17: Thread.ofVirtual() (Java 21) is looked up at run time.
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
    }

    interface IoCall<T> {
        T call() throws IOException;
    }

    private static <T> CompletableFuture<T> onThread(ThreadFactory threads, IoCall<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = threads.newThread(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            Object value = future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the call returned " + value);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }
}
