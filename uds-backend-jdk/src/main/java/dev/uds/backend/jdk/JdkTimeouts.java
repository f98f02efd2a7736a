package dev.uds.backend.jdk;

import dev.uds.Errno;
import dev.uds.UnixSocketOption;
import dev.uds.internal.Errors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code SO_RCVTIMEO} and {@code SO_SNDTIMEO} for the JDK's channels, which have neither (and a
 * UNIX {@code SocketChannel} has no socket adaptor whose {@code setSoTimeout} could stand in).
 *
 * <p>Until a timeout is set, the channels stay in blocking mode and none of this is on the path.
 * Once one is set on a connected or listening socket, its channel turns non-blocking for good
 * (setting it waits for a call in progress to end, as the JDK switches modes only between
 * calls): each call then tries the channel and, when it would block, waits for readiness in a
 * {@link Selector} of its direction (one for receive and accept, one for send, so that a reader
 * and a writer wait at once) until the deadline. Nothing is allocated per call.
 *
 * <p>A non-blocking channel ignores interrupts, so the waits honour them as a blocking channel
 * does: a thread interrupted while waiting, or calling with its interrupt flag set, closes the
 * socket and gets {@link ClosedByInterruptException}. Closing the socket closes the selectors,
 * which wakes a waiting call; it then throws {@link AsynchronousCloseException}.
 */
final class JdkTimeouts {
    /** What the waits close when a thread is interrupted: the whole socket. */
    interface Owner {
        /** Closes the socket. */
        void close() throws IOException;

        /** The socket's peer or address, for messages. */
        Object target();
    }

    private final Owner owner;
    private final Object lock = new Object();
    private volatile Duration receive = Duration.ZERO;
    private volatile Duration send = Duration.ZERO;
    /** Set once a timeout was set: the channel is (or, once connected, will be) non-blocking. */
    private volatile boolean nonBlocking;
    private volatile boolean closed;
    private Selector reads;
    private Selector writes;

    JdkTimeouts(Owner owner) {
        this.owner = owner;
    }

    static boolean isTimeout(UnixSocketOption<?> option) {
        return option == UnixSocketOption.RECEIVE_TIMEOUT || option == UnixSocketOption.SEND_TIMEOUT;
    }

    Duration get(UnixSocketOption<?> option) {
        return option == UnixSocketOption.RECEIVE_TIMEOUT ? receive : send;
    }

    /**
     * Keeps a timeout, and makes the channel non-blocking if it is connected or listening (a
     * channel that is neither is made so by {@link #adopt} once it is). Durations are kept as
     * given: the deadlines round them up to whole milliseconds of waiting, never down to none.
     */
    void set(UnixSocketOption<?> option, Duration value, NetworkChannel channel) throws IOException {
        java.util.Objects.requireNonNull(value, "value");
        if (value.isNegative()) {
            throw new IllegalArgumentException(option + " must not be negative: " + value);
        }
        if (option == UnixSocketOption.RECEIVE_TIMEOUT) {
            receive = value;
        } else {
            send = value;
        }
        if (!value.isZero()) {
            nonBlocking = true;
        }
        if (channel instanceof ServerSocketChannel || ((SocketChannel) channel).isConnected()) {
            adopt((SelectableChannel) channel);
        }
    }

    /** Makes a connected or listening channel non-blocking if a timeout was ever set. */
    void adopt(SelectableChannel channel) throws IOException {
        if (nonBlocking && channel.isBlocking()) {
            channel.configureBlocking(false);
        }
    }

    /** Whether calls must go through this class: the channel is non-blocking. */
    boolean active() {
        return nonBlocking;
    }

    int read(SocketChannel channel, ByteBuffer dst) throws IOException {
        checkInterrupt();
        long deadline = deadline(receive);
        while (true) {
            int n;
            try {
                n = channel.read(dst);
            } catch (ClosedChannelException e) {
                throw closedMeanwhile(e);
            }
            if (n != 0 || !dst.hasRemaining()) {
                return n;
            }
            await(channel, SelectionKey.OP_READ, deadline, "receive", UnixSocketOption.RECEIVE_TIMEOUT);
        }
    }

    /** Writes all of {@code src}; each write that makes progress starts the timeout again, as each send(2) does. */
    int write(SocketChannel channel, ByteBuffer src) throws IOException {
        checkInterrupt();
        int total = 0;
        long deadline = deadline(send);
        while (src.hasRemaining()) {
            int n;
            try {
                n = channel.write(src);
            } catch (ClosedChannelException e) {
                throw closedMeanwhile(e);
            }
            if (n > 0) {
                total += n;
                deadline = deadline(send);
            } else {
                await(channel, SelectionKey.OP_WRITE, deadline, "send", UnixSocketOption.SEND_TIMEOUT);
            }
        }
        return total;
    }

    /** Accepts; the accepted channel is in blocking mode, as the JDK makes every accepted channel. */
    SocketChannel accept(ServerSocketChannel server) throws IOException {
        checkInterrupt();
        long deadline = deadline(receive);
        while (true) {
            SocketChannel accepted;
            try {
                accepted = server.accept();
            } catch (ClosedChannelException e) {
                throw closedMeanwhile(e);
            }
            if (accepted != null) {
                return accepted;
            }
            await(server, SelectionKey.OP_ACCEPT, deadline, "accept", UnixSocketOption.RECEIVE_TIMEOUT);
        }
    }

    /** A deadline in {@link System#nanoTime()} terms, or 0 for none; a positive timeout never gives none. */
    static long deadline(Duration timeout) {
        if (timeout.isZero()) {
            return 0;
        }
        long nanos = timeout.getSeconds() >= Long.MAX_VALUE / 4_000_000_000L ? Long.MAX_VALUE / 4 : timeout.toNanos();
        long deadline = System.nanoTime() + Math.max(1, nanos);
        return deadline == 0 ? 1 : deadline;
    }

    private void await(SelectableChannel channel, int readiness, long deadline, String call,
            UnixSocketOption<Duration> option) throws IOException {
        long waitMillis = 0; // no limit
        if (deadline != 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw Errors.exception(call, owner.target(), Errno.EAGAIN.number(),
                        option.name() + " of " + get(option) + " expired");
            }
            waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
        }
        Selector selector = selector(channel, readiness);
        try {
            if (!Thread.currentThread().isInterrupted()) {
                selector.select(waitMillis);
                selector.selectedKeys().clear();
            }
        } catch (ClosedSelectorException e) {
            // closed with the socket, by another thread, while this one was on its way to select
        }
        checkInterrupt();
        if (closed) {
            throw new AsynchronousCloseException();
        }
    }

    /**
     * A channel closed by another thread between two waits: the call ends as one blocked in the
     * channel would, with {@link AsynchronousCloseException}.
     */
    private ClosedChannelException closedMeanwhile(ClosedChannelException e) {
        return closed && !(e instanceof AsynchronousCloseException) ? new AsynchronousCloseException() : e;
    }

    /** A call made with the interrupt flag set closes the socket, as a blocking channel's does. */
    private void checkInterrupt() throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            owner.close();
            throw new ClosedByInterruptException();
        }
    }

    /** The selector for one direction, with the channel registered for it, made on first use. */
    private Selector selector(SelectableChannel channel, int readiness) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new AsynchronousCloseException();
            }
            boolean writing = readiness == SelectionKey.OP_WRITE;
            Selector selector = writing ? writes : reads;
            if (selector == null) {
                selector = Selector.open();
                channel.register(selector, readiness);
                if (writing) {
                    writes = selector;
                } else {
                    reads = selector;
                }
            }
            return selector;
        }
    }

    /** Closes the selectors, which ends any wait in them; the socket closed its channels first. */
    void close() throws IOException {
        Selector r;
        Selector w;
        synchronized (lock) {
            closed = true;
            r = reads;
            w = writes;
        }
        try (Selector a = r; Selector b = w) {
            // try-with-resources closes whichever exists, and keeps both failures
        }
    }
}
