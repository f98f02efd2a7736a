package dev.uds.net;

import dev.uds.Capability;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connect with a time limit. An AF_UNIX connect blocks only while the listener's backlog is
 * full, and the kernel bounds that wait by {@code SO_SNDTIMEO}: where the backend declares
 * {@link Capability#SEND_TIMEOUT}, the limit is set there for the call. A backend without it (the
 * {@code jdk} backend, whose blocked calls end when another thread closes the socket) is given
 * the limit by one daemon thread that closes the sockets whose limit passes; closing cannot be
 * the means everywhere, since close(2) does not wake a connect(2) blocked in another thread.
 */
final class ConnectDeadline {

    private ConnectDeadline() {
    }

    /** Made on the first connect with a limit; cancelled tasks leave its queue at once. */
    private static final class Timer {
        static final ScheduledExecutorService INSTANCE = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "uds-net connect deadline");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }

    /**
     * Connects {@code socket} to {@code address}, failing if {@code timeoutMillis} (0: no limit)
     * passes first; the caller closes the socket on any failure, as the JDK's sockets are closed.
     *
     * @throws SocketTimeoutException if the limit passed
     */
    static void connect(UnixSocket socket, UnixAddress address, int timeoutMillis, boolean sendTimeouts)
            throws IOException {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("connect timeout must not be negative: " + timeoutMillis);
        }
        if (timeoutMillis == 0) {
            socket.connect(address);
        } else if (sendTimeouts) {
            connectWithSendTimeout(socket, address, timeoutMillis);
        } else {
            connectWithTimer(socket, address, timeoutMillis);
        }
    }

    private static void connectWithSendTimeout(UnixSocket socket, UnixAddress address, int timeoutMillis)
            throws IOException {
        Duration before = socket.getOption(UnixSocketOption.SEND_TIMEOUT);
        socket.setOption(UnixSocketOption.SEND_TIMEOUT, Duration.ofMillis(timeoutMillis));
        try {
            socket.connect(address);
        } catch (SocketTimeoutException e) {
            throw timedOut(socket, address, timeoutMillis, e);
        }
        socket.setOption(UnixSocketOption.SEND_TIMEOUT, before);
    }

    private static void connectWithTimer(UnixSocket socket, UnixAddress address, int timeoutMillis)
            throws IOException {
        // Whoever sets this first decides: the timer (it closes the socket) or the connect.
        AtomicBoolean decided = new AtomicBoolean();
        ScheduledFuture<?> deadline = Timer.INSTANCE.schedule(() -> {
            if (decided.compareAndSet(false, true)) {
                closeQuietly(socket);
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            socket.connect(address);
        } catch (IOException e) {
            if (!decided.compareAndSet(false, true)) {
                throw timedOut(socket, address, timeoutMillis, e);
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
        if (!decided.compareAndSet(false, true)) {
            // The limit passed just as the connect succeeded: the socket is closed all the same.
            throw timedOut(socket, address, timeoutMillis, null);
        }
    }

    private static SocketTimeoutException timedOut(UnixSocket socket, UnixAddress address, int timeoutMillis,
                                                   IOException cause) {
        SocketTimeoutException timeout = new SocketTimeoutException("connect to " + address + " timed out after "
                + timeoutMillis + " ms (backend " + socket.backend() + "): the listener's backlog stayed full");
        timeout.initCause(cause);
        return timeout;
    }

    private static void closeQuietly(UnixSocket socket) {
        try {
            socket.close();
        } catch (IOException | RuntimeException ignored) {
            // The connecting thread reports the timeout; a failing close has nothing to add.
        }
    }
}
