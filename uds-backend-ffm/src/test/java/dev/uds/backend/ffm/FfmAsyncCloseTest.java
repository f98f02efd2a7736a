package dev.uds.backend.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Backend;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Close from another thread: blocked calls end with AsynchronousCloseException, numbers are never reused early. */
class FfmAsyncCloseTest {
    private final Backend ffm = FfmTestSockets.ffm();

    /** Runs {@code call} on a new thread, waits until it is blocked in the kernel, closes, and returns what it threw. */
    static Throwable closeWhileBlocked(UnixSocket socket, IoCall call) throws Exception {
        CompletableFuture<Void> result = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                call.run();
                result.complete(null);
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!inLibc(thread) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(20); // from the downcall's Java frame into the kernel
        socket.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
        thread.join();
        return e.getCause();
    }

    /** Whether the thread is inside a downcall: a native call shows as RUNNABLE, so its stack tells. */
    private static boolean inLibc(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(Libc.class.getName())) {
                return true;
            }
        }
        return false;
    }

    interface IoCall {
        void run() throws IOException;
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void closeEndsBlockedReceiveWithAsynchronousCloseException(SocketType type) throws Exception {
        try (SocketPair pair = ffm.pair(type)) {
            Throwable t = closeWhileBlocked(pair.second(), () -> pair.second().receive(ByteBuffer.allocate(8)));
            assertInstanceOf(AsynchronousCloseException.class, t);
            assertThrows(ClosedChannelException.class, () -> pair.second().receive(ByteBuffer.allocate(8)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"STREAM", "SEQPACKET"})
    void closeEndsBlockedAcceptWithAsynchronousCloseException(SocketType type) throws Exception {
        UnixAddress address = UnixAddress.abstractName("uds-ffm-accept-" + System.nanoTime());
        try (UnixSocket server = ffm.listen(type, address, 1)) {
            Throwable t = closeWhileBlocked(server, server::accept);
            assertInstanceOf(AsynchronousCloseException.class, t);
        }
    }

    @Test
    void closeEndsBlockedSendWithAsynchronousCloseException() throws Exception {
        try (SocketPair pair = ffm.pair(SocketType.STREAM)) {
            ByteBuffer big = ByteBuffer.allocateDirect(16 << 20);
            Throwable t = closeWhileBlocked(pair.first(), () -> pair.first().send(big));
            assertInstanceOf(AsynchronousCloseException.class, t);
        }
    }

    /**
     * Many rounds of: a thread blocked in receive, a close, and new sockets opened at once so the
     * closed number would be reused if it were released early; the blocked thread must never
     * read from a socket that is not its own.
     */
    @Test
    void hammeringCloseAgainstBlockedReceiversNeverCrossesSockets() throws Exception {
        long socketsBefore = FfmTestSockets.openSockets();
        for (int round = 0; round < 300; round++) {
            SocketPair victim = ffm.pair(SocketType.SEQPACKET);
            CompletableFuture<Integer> received = new CompletableFuture<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    received.complete(victim.second().receive(ByteBuffer.allocate(8)));
                } catch (Throwable e) {
                    received.completeExceptionally(e);
                }
            });
            if (round % 2 == 0) {
                Thread.onSpinWait(); // odd rounds close before the reader is blocked, even ones race it
                Thread.sleep(1);
            }
            victim.second().close();
            // Reuse the numbers at once: an intruder with data waiting to be read.
            List<SocketPair> intruders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SocketPair p = ffm.pair(SocketType.SEQPACKET);
                p.first().send(ByteBuffer.wrap(new byte[] {66}));
                intruders.add(p);
            }
            try {
                Integer n = received.get(10, TimeUnit.SECONDS);
                throw new AssertionError("receive on a closed socket returned " + n);
            } catch (ExecutionException e) {
                assertTrue(e.getCause() instanceof ClosedChannelException, "got " + e.getCause());
            }
            reader.join();
            for (SocketPair p : intruders) {
                assertEquals(1, p.second().available(), "the intruder's message is still there");
                p.close();
            }
            victim.close();
        }
        assertEquals(socketsBefore, FfmTestSockets.openSockets(), "every socket closed");
    }

    @Test
    void tenThousandOpenCloseCyclesLeakNoDescriptor() throws IOException {
        List<String> before = FfmTestSockets.openDescriptors();
        SocketType[] types = SocketType.values();
        for (int i = 0; i < 10_000; i++) {
            SocketType type = types[i % types.length];
            if (i % 2 == 0) {
                ffm.open(type).close();
            } else {
                ffm.pair(type).close();
            }
        }
        assertEquals(before, FfmTestSockets.openDescriptors());
    }
}
