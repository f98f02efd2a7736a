package dev.uds.sum;

import dev.uds.UnixAddress;
import java.nio.file.Path;

/**
 * Where clients reach the server's listening socket, and what becomes of it at stop: a
 * {@link SocketFile} the server made and removes, or an {@link InheritedListener} whose address
 * belongs to whoever made the socket (systemd) and is left as it is.
 */
interface ListenerEndpoint {

    /** The socket file's path; null for a listener that has none (an abstract name). */
    Path path();

    /** What the log calls the endpoint, such as the path. */
    String description();

    /** The uid the server runs as, which {@code DOWN} is allowed from (root too). */
    int ownerUid();

    /**
     * Takes the endpoint out of new clients' reach where the server may, and returns where the
     * server itself can still reach its listener, to queue the stop marker.
     *
     * @return the listener's address for the marker, or null if it cannot be reached any more
     */
    UnixAddress withdraw();

    /** Where the stop marker binds, so that the acceptor knows it; null before {@link #withdraw()}. */
    UnixAddress markerAddress();

    /** Cleans up after {@link #withdraw()}, once the listener is closed. */
    void removeWithdrawn();

    /** Removes the endpoint at a stop that had no marker (a failure). */
    void remove();

    /** What the stop log line says became of the endpoint, such as "removed". */
    String fateAtStop();
}
