package dev.uds.sum;

import dev.uds.SocketType;
import dev.uds.UnixDomain;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link SumServer} runs. Start from {@link #defaults()} and change what differs.
 *
 * @param socket        where the socket file is created
 * @param type          {@link SocketType#SEQPACKET} (the example's) or {@link SocketType#STREAM}
 * @param backend       the backend's name, or null to let {@code dev.uds.UnixDomain} choose
 *                      ({@code -Duds.backend}, then priority)
 * @param mode          the socket file's permissions; a peer needs write permission to connect
 * @param maxClients    how many sessions run at once; further clients wait in the listen backlog
 * @param backlog       how many clients may wait in the listen backlog; a client that connects
 *                      in non-blocking mode (Python's socket with a timeout, Go's {@code net.Dial})
 *                      is turned away with {@code EAGAIN} when it is full. The default is the
 *                      kernel's largest, {@link UnixDomain#maxBacklog()}
 * @param idleTimeout   how long a session may send nothing before it is answered with
 *                      {@link ErrorReply#IDLE} and closed; {@link Duration#ZERO} for no limit
 * @param shutdownGrace how long sessions in flight may take to finish once the server stops,
 *                      before they are answered with {@link ErrorReply#SHUTTING_DOWN}
 */
public record SumServerConfig(Path socket, SocketType type, String backend, Set<PosixFilePermission> mode,
                              int maxClients, int backlog, Duration idleTimeout, Duration shutdownGrace) {

    /** The default permissions of the socket file: owner only. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException for a DGRAM type, fewer than one client, a backlog under
     *                                  one, or a negative duration
     */
    public SumServerConfig {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(type, "type");
        mode = Set.copyOf(mode);
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (!type.isConnectionOriented()) {
            throw new IllegalArgumentException("the sum protocol needs a connection: SEQPACKET or STREAM, not " + type);
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("max clients must be at least 1: " + maxClients);
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("the backlog must be at least 1: " + backlog);
        }
        if (idleTimeout.isNegative() || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("timeouts cannot be negative");
        }
    }

    /**
     * The example's path, SEQPACKET, the default backend, mode 0600, 64 clients, the kernel's
     * largest backlog, 30 seconds of idle time, 5 seconds of grace.
     *
     * @return the defaults
     */
    public static SumServerConfig defaults() {
        return new SumServerConfig(SumProtocol.DEFAULT_SOCKET, SocketType.SEQPACKET, null, OWNER_ONLY,
                64, UnixDomain.maxBacklog(), Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    /**
     * A copy with another value.
     *
     * @param value the socket path
     * @return the copy
     */
    public SumServerConfig withSocket(Path value) {
        return new SumServerConfig(value, type, backend, mode, maxClients, backlog, idleTimeout, shutdownGrace);
    }

    /**
     * A copy with another value.
     *
     * @param value the socket type
     * @return the copy
     */
    public SumServerConfig withType(SocketType value) {
        return new SumServerConfig(socket, value, backend, mode, maxClients, backlog, idleTimeout, shutdownGrace);
    }

    /**
     * A copy with another value.
     *
     * @param value the backend's name, or null for the default
     * @return the copy
     */
    public SumServerConfig withBackend(String value) {
        return new SumServerConfig(socket, type, value, mode, maxClients, backlog, idleTimeout, shutdownGrace);
    }

    /**
     * A copy with another value.
     *
     * @param value the socket file's permissions
     * @return the copy
     */
    public SumServerConfig withMode(Set<PosixFilePermission> value) {
        return new SumServerConfig(socket, type, backend, value, maxClients, backlog, idleTimeout, shutdownGrace);
    }

    /**
     * A copy with another value.
     *
     * @param value the most sessions at once
     * @return the copy
     */
    public SumServerConfig withMaxClients(int value) {
        return new SumServerConfig(socket, type, backend, mode, value, backlog, idleTimeout, shutdownGrace);
    }

    /**
     * A copy with another value.
     *
     * @param value how many clients may wait to be accepted
     * @return the copy
     */
    public SumServerConfig withBacklog(int value) {
        return new SumServerConfig(socket, type, backend, mode, maxClients, value, idleTimeout, shutdownGrace);
    }

    /**
     * A copy with another value.
     *
     * @param value the idle timeout, zero for none
     * @return the copy
     */
    public SumServerConfig withIdleTimeout(Duration value) {
        return new SumServerConfig(socket, type, backend, mode, maxClients, backlog, value, shutdownGrace);
    }

    /**
     * A copy with another value.
     *
     * @param value the grace given to sessions at shut-down
     * @return the copy
     */
    public SumServerConfig withShutdownGrace(Duration value) {
        return new SumServerConfig(socket, type, backend, mode, maxClients, backlog, idleTimeout, value);
    }
}
