package dev.uds;

import dev.uds.internal.ListenBacklog;
import dev.uds.spi.UnixDomainProvider;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One installed backend: its name, whether it works here (and why not), and what it offers. It
 * opens sockets on itself alone, whatever {@code -Duds.backend} says, which is how benchmarks and
 * tests compare backends.
 *
 * @see UnixDomain#backends()
 * @see UnixDomain#backend(String)
 */
public final class Backend {
    private final String name;
    private final int priority;
    private final UnixDomainProvider provider;
    private final Throwable unavailabilityCause;
    private final Set<SocketType> socketTypes;
    private final Set<Capability> capabilities;

    private Backend(String name, int priority, UnixDomainProvider provider, Throwable cause,
                    Set<SocketType> socketTypes, Set<Capability> capabilities) {
        this.name = name;
        this.priority = priority;
        this.provider = provider;
        this.unavailabilityCause = cause;
        this.socketTypes = socketTypes;
        this.capabilities = capabilities;
    }

    /** A loaded provider; anything it throws while describing itself makes it unavailable. */
    static Backend of(UnixDomainProvider provider) {
        String name = provider.getClass().getName();
        try {
            name = provider.name();
            Throwable cause = provider.unavailabilityCause().orElse(null);
            return new Backend(name, provider.priority(), provider, cause,
                    immutableCopy(provider.socketTypes(), SocketType.class),
                    immutableCopy(provider.capabilities(), Capability.class));
        } catch (RuntimeException | LinkageError e) {
            return failed(name, e);
        }
    }

    /** A provider that could not be loaded or described. */
    static Backend failed(String name, Throwable cause) {
        return new Backend(name, Integer.MIN_VALUE, null, cause, Set.of(), Set.of());
    }

    private static <E extends Enum<E>> Set<E> immutableCopy(Set<E> set, Class<E> type) {
        return set.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(set));
    }

    /**
     * The backend's name, as {@code -Duds.backend} takes it.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The rank among available backends when none is named: the highest is chosen.
     *
     * @return the priority
     */
    public int priority() {
        return priority;
    }

    /**
     * Whether the backend works on this system and Java runtime.
     *
     * @return true if available
     */
    public boolean isAvailable() {
        return unavailabilityCause == null;
    }

    /**
     * Why the backend is not available: it failed to load, or its checks failed.
     *
     * @return the cause, or empty when available
     */
    public Optional<Throwable> unavailabilityCause() {
        return Optional.ofNullable(unavailabilityCause);
    }

    /**
     * The socket types the backend offers; empty when it is not available.
     *
     * @return the types
     */
    public Set<SocketType> socketTypes() {
        return isAvailable() ? socketTypes : Set.of();
    }

    /**
     * The capabilities the backend declares; empty when it is not available.
     *
     * @return the capabilities
     */
    public Set<Capability> capabilities() {
        return isAvailable() ? capabilities : Set.of();
    }

    /**
     * Whether the backend is available and offers the socket type.
     *
     * @param type the type
     * @return true if sockets of that type can be opened
     */
    public boolean supports(SocketType type) {
        return socketTypes().contains(type);
    }

    /**
     * Whether the backend is available and declares the capability.
     *
     * @param capability the capability
     * @return true if declared
     */
    public boolean supports(Capability capability) {
        return capabilities().contains(capability);
    }

    /**
     * Opens an unbound, unconnected socket on this backend ({@code socket(2)}).
     *
     * @param type the socket type
     * @return the socket
     * @throws UnsupportedFeatureException if the backend is unavailable or lacks the type
     * @throws IOException                 if the call fails
     */
    public UnixSocket open(SocketType type) throws IOException {
        return provider(type).open(type);
    }

    /**
     * Opens a socket on this backend and connects it.
     *
     * @param type the socket type
     * @param to   the address to connect to
     * @return the connected socket
     * @throws UnsupportedFeatureException if the backend is unavailable or lacks the type
     * @throws IOException                 as {@link UnixSocket#connect(UnixAddress)}; the socket is
     *                                     closed
     */
    public UnixSocket connect(SocketType type, UnixAddress to) throws IOException {
        UnixSocket socket = open(type);
        try {
            socket.connect(to);
            return socket;
        } catch (IOException | RuntimeException | Error e) {
            closeAfterFailure(socket, e);
            throw e;
        }
    }

    /**
     * Opens a socket on this backend, binds it and, for STREAM and SEQPACKET, listens on it. A DGRAM
     * socket is bound only, ready to receive.
     *
     * @param type    the socket type
     * @param at      the address to bind
     * @param backlog the listen backlog, at least 1 (ignored for DGRAM)
     * @return the bound socket
     * @throws IllegalArgumentException    for STREAM or SEQPACKET, if the backlog is below 1;
     *                                     nothing is opened or bound
     * @throws UnsupportedFeatureException if the backend is unavailable or lacks the type
     * @throws IOException                 as {@link UnixSocket#bind(UnixAddress)} and
     *                                     {@link UnixSocket#listen(int)}; the socket is closed
     */
    public UnixSocket listen(SocketType type, UnixAddress at, int backlog) throws IOException {
        if (type.isConnectionOriented()) {
            ListenBacklog.checked(backlog); // before the socket file is made
        }
        UnixSocket socket = open(type);
        try {
            socket.bind(at);
            if (type.isConnectionOriented()) {
                socket.listen(backlog);
            }
            return socket;
        } catch (IOException | RuntimeException | Error e) {
            closeAfterFailure(socket, e);
            throw e;
        }
    }

    /**
     * Opens a socket on this backend, binds it and, for STREAM and SEQPACKET, listens on it with
     * the kernel's largest backlog, {@link UnixDomain#maxBacklog()}. A DGRAM socket is bound only.
     *
     * @param type the socket type
     * @param at   the address to bind
     * @return the bound socket
     * @throws UnsupportedFeatureException if the backend is unavailable or lacks the type
     * @throws IOException                 as {@link #listen(SocketType, UnixAddress, int)}; the
     *                                     socket is closed
     */
    public UnixSocket listen(SocketType type, UnixAddress at) throws IOException {
        return listen(type, at, UnixDomain.maxBacklog());
    }

    /**
     * Opens a connected pair of sockets on this backend ({@code socketpair(2)}).
     *
     * @param type the socket type
     * @return the pair
     * @throws UnsupportedFeatureException if the backend is unavailable, or lacks the type or
     *                                     {@link Capability#SOCKETPAIR}
     * @throws IOException                 if the call fails
     */
    public SocketPair pair(SocketType type) throws IOException {
        UnixDomainProvider p = provider(type);
        if (!capabilities.contains(Capability.SOCKETPAIR)) {
            throw UnsupportedFeatureException.of(name, Capability.SOCKETPAIR);
        }
        return p.pair(type);
    }

    /**
     * Takes an inherited descriptor number as a socket of this backend
     * ({@link Capability#ADOPT_DESCRIPTOR}); see {@link UnixDomain#adopt(int, SocketType)}.
     *
     * @param fd        the descriptor number, such as 3 for the first socket systemd passes
     * @param type      the type it must have, or null for any
     * @param listening whether a STREAM or SEQPACKET socket must be listening ({@code SO_ACCEPTCONN})
     * @return the socket, which owns the descriptor from then on
     * @throws UnsupportedFeatureException if the backend is unavailable, or lacks the type or
     *                                     {@link Capability#ADOPT_DESCRIPTOR}
     * @throws IllegalArgumentException    for a negative number
     * @throws IOException                 if the number is not an AF_UNIX socket of that type (or
     *                                     not listening); the message names the number and what it
     *                                     is, and the descriptor is left open
     */
    public UnixSocket adopt(int fd, SocketType type, boolean listening) throws IOException {
        UnixDomainProvider p = provider(type);
        if (!capabilities.contains(Capability.ADOPT_DESCRIPTOR)) {
            throw UnsupportedFeatureException.of(name, Capability.ADOPT_DESCRIPTOR);
        }
        return p.adopt(fd, type, listening);
    }

    /** The provider, if available and offering the type; a null type is any. */
    private UnixDomainProvider provider(SocketType type) {
        if (!isAvailable()) {
            UnsupportedFeatureException e = new UnsupportedFeatureException(name,
                    "anything here: it is unavailable (" + unavailabilityCause + ")",
                    type == null ? Registry.installed().namesWith(Capability.ADOPT_DESCRIPTOR)
                            : Registry.installed().namesWith(type));
            e.initCause(unavailabilityCause);
            throw e;
        }
        if (type != null && !socketTypes.contains(type)) {
            throw UnsupportedFeatureException.of(name, type);
        }
        return provider;
    }

    private static void closeAfterFailure(UnixSocket socket, Throwable failure) {
        try {
            socket.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The name, and what the backend offers or why it is unavailable. */
    @Override
    public String toString() {
        return isAvailable()
                ? name + " " + new java.util.TreeSet<>(socketTypes) + " " + new java.util.TreeSet<>(capabilities)
                : name + " (unavailable: " + unavailabilityCause + ")";
    }
}
