package dev.uds.net;

import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link java.net.SocketOption}s of a view: the buffer sizes are the socket's own
 * ({@code SO_SNDBUF}, {@code SO_RCVBUF}); the TCP and IP options, which drivers and HTTP clients
 * set whatever the socket, are accepted, kept so that reading them back gives what was set, and
 * have no effect on an AF_UNIX socket.
 */
final class ViewOptions {
    /** What a connected socket's view offers. */
    static final Set<SocketOption<?>> STREAM = Set.of(StandardSocketOptions.SO_SNDBUF,
            StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.TCP_NODELAY,
            StandardSocketOptions.SO_KEEPALIVE, StandardSocketOptions.SO_LINGER,
            StandardSocketOptions.IP_TOS, StandardSocketOptions.SO_REUSEADDR);

    /** What a listening socket's view offers. */
    static final Set<SocketOption<?>> LISTENING = Set.of(StandardSocketOptions.SO_RCVBUF,
            StandardSocketOptions.SO_REUSEADDR);

    /** The values the ignored options start with, those of a new TCP socket. */
    private static final Map<SocketOption<?>, Object> DEFAULTS = Map.of(
            StandardSocketOptions.TCP_NODELAY, false, StandardSocketOptions.SO_KEEPALIVE, false,
            StandardSocketOptions.SO_LINGER, -1, StandardSocketOptions.IP_TOS, 0,
            StandardSocketOptions.SO_REUSEADDR, false);

    private final UnixSocket socket;
    private final Map<SocketOption<?>, Object> ignored = new ConcurrentHashMap<>(DEFAULTS);

    ViewOptions(UnixSocket socket) {
        this.socket = socket;
    }

    <T> void set(SocketOption<T> option, T value, Set<SocketOption<?>> offered) throws IOException {
        Objects.requireNonNull(option, "option");
        if (!offered.contains(option)) {
            throw new UnsupportedOperationException("uds socket view has no option " + option.name()
                    + "; it offers " + offered);
        }
        if (!socket.isOpen()) {
            throw new SocketException("cannot set " + option.name() + ": uds socket is closed");
        }
        if (option == StandardSocketOptions.SO_SNDBUF || option == StandardSocketOptions.SO_RCVBUF) {
            int size = (Integer) Objects.requireNonNull(value, "value");
            if (size <= 0) {
                throw new IllegalArgumentException(option.name() + " must be positive: " + size);
            }
            socket.setOption(option == StandardSocketOptions.SO_SNDBUF
                    ? UnixSocketOption.SEND_BUFFER_SIZE : UnixSocketOption.RECEIVE_BUFFER_SIZE, size);
            return;
        }
        if (value == null || !option.type().isInstance(value)) {
            throw new IllegalArgumentException("invalid value for " + option.name() + ": " + value);
        }
        ignored.put(option, value);
    }

    <T> T get(SocketOption<T> option, Set<SocketOption<?>> offered) throws IOException {
        Objects.requireNonNull(option, "option");
        if (!offered.contains(option)) {
            throw new UnsupportedOperationException("uds socket view has no option " + option.name()
                    + "; it offers " + offered);
        }
        if (!socket.isOpen()) {
            throw new SocketException("cannot read " + option.name() + ": uds socket is closed");
        }
        if (option == StandardSocketOptions.SO_SNDBUF) {
            return option.type().cast(socket.getOption(UnixSocketOption.SEND_BUFFER_SIZE));
        }
        if (option == StandardSocketOptions.SO_RCVBUF) {
            return option.type().cast(socket.getOption(UnixSocketOption.RECEIVE_BUFFER_SIZE));
        }
        return option.type().cast(ignored.get(option));
    }

    /** For the {@code java.net.Socket} methods, which may throw only {@link SocketException}. */
    static SocketException asSocketException(Exception e) {
        if (e instanceof SocketException s) {
            return s;
        }
        SocketException wrapped = new SocketException(e.getMessage());
        wrapped.initCause(e);
        return wrapped;
    }
}
