package dev.uds.net;

import dev.uds.Capability;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A connect with a time limit. An AF_UNIX connect waits only while the listener's backlog is
 * full, and {@link UnixSocket#connect} bounds that wait by {@link UnixSocketOption#SEND_TIMEOUT}
 * on every backend that declares {@link Capability#SEND_TIMEOUT}: the limit is set there for the
 * call. A backend without it takes only 0 (no limit): a limit it cannot keep is refused, never
 * ignored.
 */
final class ConnectDeadline {

    private ConnectDeadline() {
    }

    /**
     * Connects {@code socket} to {@code address}, failing if {@code timeoutMillis} (0: no limit)
     * passes first; the caller closes the socket on any failure, as the JDK's sockets are closed.
     *
     * @throws SocketTimeoutException if the limit passed
     * @throws SocketException        if a limit is given and the backend has no send timeout
     */
    static void connect(UnixSocket socket, UnixAddress address, int timeoutMillis, boolean sendTimeouts)
            throws IOException {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("connect timeout must not be negative: " + timeoutMillis);
        }
        if (timeoutMillis == 0) {
            socket.connect(address);
            return;
        }
        if (!sendTimeouts) {
            throw new SocketException("connect to " + address + " with a timeout of " + timeoutMillis
                    + " ms refused: backend " + socket.backend() + " does not declare "
                    + Capability.SEND_TIMEOUT.description() + " (SO_SNDTIMEO), which bounds a connect,"
                    + " so only 0 (no limit) is possible; choose a backend that declares it, such as ffm or jnr");
        }
        Duration before = socket.getOption(UnixSocketOption.SEND_TIMEOUT);
        socket.setOption(UnixSocketOption.SEND_TIMEOUT, Duration.ofMillis(timeoutMillis));
        try {
            socket.connect(address);
        } catch (SocketTimeoutException e) {
            SocketTimeoutException timeout = new SocketTimeoutException("connect to " + address + " timed out after "
                    + timeoutMillis + " ms (backend " + socket.backend() + "): the listener's backlog stayed full");
            timeout.initCause(e);
            throw timeout;
        }
        socket.setOption(UnixSocketOption.SEND_TIMEOUT, before);
    }
}
