package dev.uds.spi;

import dev.uds.Capability;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * A backend: what a module implements to offer AF_UNIX sockets through {@link dev.uds.UnixDomain}.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader}: a backend module declares
 * {@code provides dev.uds.spi.UnixDomainProvider with ...} and ships
 * {@code META-INF/services/dev.uds.spi.UnixDomainProvider} for the class path. The constructor
 * must be cheap and must not fail: checks that can fail (a native library, an operating system,
 * a Java version) belong in {@link #unavailabilityCause()}, whose result is computed once.
 *
 * <p>uds calls {@link #open(SocketType)} only for a type in {@link #socketTypes()}, and
 * {@link #pair(SocketType)} only when {@link Capability#SOCKETPAIR} is declared, and
 * {@link #adopt(int, SocketType, boolean)} only when {@link Capability#ADOPT_DESCRIPTOR} is.
 */
public interface UnixDomainProvider {

    /**
     * The backend's name, as users write it in {@code -Duds.backend}: lower case, such as
     * {@code "ffm"}.
     *
     * @return the name
     */
    String name();

    /**
     * The rank among available backends when none is named: the highest wins.
     *
     * @return the priority
     */
    int priority();

    /**
     * Why the backend cannot work here, if it cannot: an operating system it does not support,
     * a Java version too old, a native library that will not load. Computed once.
     *
     * @return the cause, or empty when the backend is available
     */
    Optional<Throwable> unavailabilityCause();

    /**
     * The socket types this backend implements, each passing the TCK.
     *
     * @return the types
     */
    Set<SocketType> socketTypes();

    /**
     * The capabilities this backend declares, each passing the TCK.
     *
     * @return the capabilities
     */
    Set<Capability> capabilities();

    /**
     * Opens an unbound, unconnected socket ({@code socket(2)}).
     *
     * @param type one of {@link #socketTypes()}
     * @return the socket
     * @throws IOException if the call fails
     */
    UnixSocket open(SocketType type) throws IOException;

    /**
     * Opens a connected pair of unnamed sockets ({@code socketpair(2)}).
     *
     * @param type one of {@link #socketTypes()}
     * @return the pair
     * @throws IOException if the call fails
     * @throws dev.uds.UnsupportedFeatureException if {@link Capability#SOCKETPAIR} is not declared
     */
    SocketPair pair(SocketType type) throws IOException;

    /**
     * Takes an inherited descriptor number as a socket: checks that it is an AF_UNIX socket of
     * the expected type (and listening, if asked), sets it close-on-exec and blocking, and owns it
     * from then on. A number that fails the checks is left open and not taken.
     *
     * @param fd        the descriptor number
     * @param type      the type it must have, or null for any
     * @param listening whether a STREAM or SEQPACKET socket must be listening
     * @return the socket, of the type found
     * @throws IOException naming the number and what it is instead
     * @throws dev.uds.UnsupportedFeatureException if {@link Capability#ADOPT_DESCRIPTOR} is not
     *                                             declared (the default)
     */
    default UnixSocket adopt(int fd, SocketType type, boolean listening) throws IOException {
        throw dev.uds.UnsupportedFeatureException.of(name(), Capability.ADOPT_DESCRIPTOR);
    }
}
