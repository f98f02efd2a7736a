package dev.uds.backend.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Backend;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import dev.uds.UnixSocketTimeoutException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hot path's two ways of calling ({@link dev.uds.linux.Transfer} on ffm): a critical call with MSG_DONTWAIT
 * first, then an ordinary blocking one only when that would wait. What must hold: a call that
 * waits lets the garbage collector run, partial STREAM sends and buffers above the critical limit
 * lose nothing, and a mapped file's buffer is never given to a critical call.
 */
class FfmHotPathTest {
    /** Long enough that a collection stalled by the blocked call would come after it, not before. */
    private static final Duration BLOCKED_FOR = Duration.ofSeconds(20);

    private final Backend ffm = FfmTestSockets.ffm();

    /**
     * Were the blocking receive a critical call, the collection could not start until it
     * returned. The receive is bounded by SO_RCVTIMEO, which the kernel enforces by itself, so
     * such a stall would end the receive with a timeout before System.gc() returns, and would
     * not hang the test.
     */
    @ParameterizedTest
    @EnumSource(SocketType.class)
    void garbageCollectorRunsWhileAPlatformThreadWaitsInReceive(SocketType type) throws Exception {
        try (SocketPair pair = ffm.pair(type)) {
            pair.second().setOption(UnixSocketOption.RECEIVE_TIMEOUT, BLOCKED_FOR);
            ByteBuffer in = ByteBuffer.allocateDirect(16);
            Waiter receiver = Waiter.start(() -> pair.second().receive(in));
            receiver.awaitBlocked();

            System.gc();

            assertFalse(receiver.ended(), "the collection waited for the blocked receive: " + receiver.outcome());
            pair.first().send(ByteBuffer.wrap(new byte[] {42}));
            assertEquals(1, receiver.join());
            assertEquals(42, in.get(0));
        }
    }

    @Test
    void garbageCollectorRunsWhileAPlatformThreadWaitsInSend() throws Exception {
        try (SocketPair pair = ffm.pair(SocketType.STREAM)) {
            UnixSocket sender = pair.first();
            fillSendBuffer(sender);
            sender.setOption(UnixSocketOption.SEND_TIMEOUT, BLOCKED_FOR);
            Waiter blocked = Waiter.start(() -> sender.send(ByteBuffer.allocateDirect(1024)));
            blocked.awaitBlocked();

            System.gc();

            assertFalse(blocked.ended(), "the collection waited for the blocked send: " + blocked.outcome());
            drain(pair.second(), ByteBuffer.allocateDirect(64 * 1024), blocked);
            assertEquals(1024, blocked.join());
        }
    }

    /**
     * 1 MiB in sends of 48 KiB from direct buffers, against a slow reader: each send finds the
     * buffer part full, sends a part without waiting, and waits for the rest in the blocking call.
     * Then one send of 1 MiB, above the critical limit. Every byte arrives, in order.
     */
    @Test
    void streamSendsThatFindTheBufferPartFullLoseNothing() throws Exception {
        byte[] data = new byte[1024 * 1024];
        new Random(7).nextBytes(data);
        try (SocketPair pair = ffm.pair(SocketType.STREAM)) {
            AtomicReference<byte[]> received = new AtomicReference<>();
            Waiter reader = Waiter.start(() -> {
                byte[] all = new byte[2 * data.length];
                ByteBuffer chunk = ByteBuffer.allocateDirect(7000);
                int got = 0;
                while (got < all.length) {
                    chunk.clear();
                    int n = pair.second().receive(chunk);
                    chunk.flip().get(all, got, n);
                    got += n;
                    if (got % 13 == 0) {
                        Thread.sleep(1); // slower than the sender, now and then
                    }
                }
                received.set(all);
                return got;
            });
            ByteBuffer block = ByteBuffer.allocateDirect(48 * 1024);
            for (int offset = 0; offset < data.length; offset += block.capacity()) {
                block.clear();
                block.put(data, offset, Math.min(block.capacity(), data.length - offset)).flip();
                assertEquals(block.limit(), pair.first().send(block));
                assertFalse(block.hasRemaining());
            }
            ByteBuffer whole = ByteBuffer.allocateDirect(data.length).put(data).flip();
            assertEquals(data.length, pair.first().send(whole));
            assertEquals(2 * data.length, reader.join());
            byte[] all = received.get();
            assertArrayEquals(data, java.util.Arrays.copyOfRange(all, 0, data.length));
            assertArrayEquals(data, java.util.Arrays.copyOfRange(all, data.length, all.length));
        }
    }

    /** A message above the critical limit goes whole through the ordinary call, both ways. */
    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"DGRAM", "SEQPACKET"})
    void messageAboveTheCriticalLimitArrivesWhole(SocketType type) throws IOException {
        int size = Libc.NOW_LIMIT + 4096;
        byte[] data = new byte[size];
        new Random(11).nextBytes(data);
        try (SocketPair pair = ffm.pair(type)) {
            pair.first().setOption(UnixSocketOption.SEND_BUFFER_SIZE, 4 * size);
            pair.second().setOption(UnixSocketOption.RECEIVE_BUFFER_SIZE, 4 * size);
            assertEquals(size, pair.first().send(ByteBuffer.allocateDirect(size).put(data).flip()));
            ByteBuffer in = ByteBuffer.allocateDirect(size + 1);
            assertEquals(size, pair.second().receive(in));
            byte[] got = new byte[size];
            in.flip().get(got);
            assertArrayEquals(data, got);
        }
    }

    /** A mapped file's buffer is marked so (never critical), and sends and receives as any other. */
    @Test
    void mappedFileBuffersAreNeverCriticalAndStillWork(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        byte[] data = new byte[5000];
        new Random(3).nextBytes(data);
        Files.write(source, data);
        Files.write(target, new byte[data.length]);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE);
             SocketPair pair = ffm.pair(SocketType.SEQPACKET)) {
            MappedByteBuffer mappedSource = in.map(FileChannel.MapMode.READ_ONLY, 0, data.length);
            MappedByteBuffer mappedTarget = out.map(FileChannel.MapMode.READ_WRITE, 0, data.length);
            FfmScratch scratch = FfmScratch.current();
            scratch.addressOf(mappedSource);
            assertTrue(scratch.mapped(), "a mapped file's buffer must not be given to a critical call");
            scratch.addressOf(ByteBuffer.allocateDirect(8));
            assertFalse(scratch.mapped(), "an allocated direct buffer may be");

            assertEquals(data.length, pair.first().send(mappedSource));
            assertEquals(data.length, pair.second().receive(mappedTarget));
            mappedTarget.force();
            assertArrayEquals(data, Files.readAllBytes(target));
        }
    }

    /** Sends with a short timeout until the send buffer is full. */
    private static void fillSendBuffer(UnixSocket sender) throws IOException {
        sender.setOption(UnixSocketOption.SEND_TIMEOUT, Duration.ofMillis(50));
        ByteBuffer block = ByteBuffer.allocateDirect(16 * 1024);
        assertThrows(UnixSocketTimeoutException.class, () -> {
            while (true) {
                block.clear();
                sender.send(block);
            }
        });
    }

    /** Reads until the blocked sender has finished and nothing is left. */
    private static void drain(UnixSocket receiver, ByteBuffer into, Waiter sender) throws IOException {
        receiver.setOption(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofMillis(200));
        while (true) {
            into.clear();
            try {
                receiver.receive(into);
            } catch (UnixSocketTimeoutException empty) {
                if (sender.ended()) {
                    return;
                }
            }
        }
    }

    /** A call on its own platform thread, whose end can be looked at without waiting for it. */
    private static final class Waiter {
        interface Call {
            int run() throws Exception;
        }

        private final Thread thread;
        private final AtomicReference<Object> outcome = new AtomicReference<>();

        private Waiter(Call call) {
            thread = Thread.ofPlatform().daemon().start(() -> {
                try {
                    outcome.set(call.run());
                } catch (Throwable t) {
                    outcome.set(t);
                }
            });
        }

        static Waiter start(Call call) {
            return new Waiter(call);
        }

        /** Gives the call time to reach the kernel and wait there; it must not have ended. */
        void awaitBlocked() throws InterruptedException {
            Thread.sleep(300);
            assertFalse(ended(), "the call was meant to wait, but ended: " + outcome());
        }

        boolean ended() {
            return outcome.get() != null;
        }

        Object outcome() {
            return outcome.get();
        }

        int join() throws Exception {
            thread.join(BLOCKED_FOR.multipliedBy(2).toMillis());
            Object result = outcome.get();
            if (result instanceof Throwable t) {
                throw new AssertionError("the call failed", t);
            }
            if (result == null) {
                throw new AssertionError("the call has not ended");
            }
            return (Integer) result;
        }
    }
}
