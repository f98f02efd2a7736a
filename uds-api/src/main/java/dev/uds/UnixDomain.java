package dev.uds;

import java.io.IOException;
import java.util.List;

/**
 * The entry point: opens AF_UNIX sockets on the backend chosen for their type.
 *
 * <h2>Choosing a backend</h2>
 * <ol>
 * <li>The system property {@code uds.backend} (or else the environment variable
 *     {@code UDS_BACKEND}) names one or more backends, separated by commas: the first named one
 *     that is available and offers the socket type is used. An unknown name, or names none of
 *     which offers the type, throw {@link BackendSelectionException} listing what is installed.</li>
 * <li>Otherwise, the available backend with the highest {@link Backend#priority()} among those
 *     that offer the type.</li>
 * </ol>
 * <p>Backends are found once, with {@link java.util.ServiceLoader}. A backend that fails to load
 * (a class too new for this Java, a missing library) never breaks the others: it appears in
 * {@link #backends()} as unavailable, with its cause.
 *
 * <pre>{@code
 * try (UnixSocket server = UnixDomain.listen(SocketType.SEQPACKET, UnixAddress.of("/tmp/s.sock"));
 *      UnixSocket client = UnixDomain.connect(SocketType.SEQPACKET, UnixAddress.of("/tmp/s.sock"));
 *      UnixSocket peer = server.accept()) {
 *     client.send(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
 *     ByteBuffer message = ByteBuffer.allocate(64);
 *     peer.receive(message);
 * }
 * }</pre>
 *
 * @see "unix(7)"
 */
public final class UnixDomain {

    private UnixDomain() {
    }

    /**
     * Opens an unbound, unconnected socket ({@code socket(2)}).
     *
     * @param type the socket type
     * @return the socket
     * @throws BackendSelectionException if no backend can serve the type (see above)
     * @throws IOException               if the call fails
     */
    public static UnixSocket open(SocketType type) throws IOException {
        return Registry.installed().select(type).open(type);
    }

    /**
     * Opens a socket and connects it ({@code socket(2)}, {@code connect(2)}).
     *
     * @param type the socket type
     * @param to   the address to connect to
     * @return the connected socket
     * @throws ConnectionRefusedException if nothing listens there, or nothing is there
     * @throws BackendSelectionException  if no backend can serve the type
     * @throws IOException                for any other failure; no socket is left open
     */
    public static UnixSocket connect(SocketType type, UnixAddress to) throws IOException {
        return Registry.installed().select(type).connect(type, to);
    }

    /**
     * Opens a socket, binds it and, for STREAM and SEQPACKET, listens on it ({@code socket(2)},
     * {@code bind(2)}, {@code listen(2)}). A DGRAM socket is bound only.
     *
     * @param type    the socket type
     * @param at      the address to bind
     * @param backlog how many connections may wait to be accepted, at least 1 (ignored for DGRAM)
     * @return the bound socket
     * @throws IllegalArgumentException  for STREAM or SEQPACKET, if the backlog is below 1
     * @throws AddressInUseException     if something is at the address already
     * @throws BackendSelectionException if no backend can serve the type
     * @throws IOException               for any other failure; no socket is left open
     */
    public static UnixSocket listen(SocketType type, UnixAddress at, int backlog) throws IOException {
        return Registry.installed().select(type).listen(type, at, backlog);
    }

    /**
     * Opens a socket, binds it and, for STREAM and SEQPACKET, listens on it with the kernel's
     * largest backlog, {@link #maxBacklog()} (see there for why that is the
     * backlog to choose). A DGRAM socket is bound only.
     *
     * @param type the socket type
     * @param at   the address to bind
     * @return the bound socket
     * @throws AddressInUseException     if something is at the address already
     * @throws BackendSelectionException if no backend can serve the type
     * @throws IOException               for any other failure; no socket is left open
     */
    public static UnixSocket listen(SocketType type, UnixAddress at) throws IOException {
        return listen(type, at, maxBacklog());
    }

    /**
     * The largest listen backlog the kernel grants, {@code /proc/sys/net/core/somaxconn} (4096
     * since Linux 5.4, 128 before), read once, when first asked for; {@link UnixSocket#listen()}
     * listens with it. Where the file cannot be read (no {@code /proc} mounted), it is 4096: the
     * kernel cuts any backlog larger than its limit down to the limit, so this costs nothing
     * where the limit is lower.
     *
     * <p>It is the backlog to choose unless there is a reason to refuse connections early. A
     * client that connects in non-blocking mode (Python's socket with a timeout, Go's
     * {@code net.Dial}) fails at once with {@code EAGAIN} when the backlog is full, instead of
     * waiting as a blocking {@code connect(2)} does; a small backlog loses such clients to any
     * burst that outpaces {@link UnixSocket#accept()}.
     *
     * @return the backlog, at least 1
     * @see "listen(2)"
     */
    public static int maxBacklog() {
        return KernelBacklog.MAX;
    }

    /**
     * Opens a connected pair of unnamed sockets ({@code socketpair(2)}). Only backends that
     * declare {@link Capability#SOCKETPAIR} are considered when none is named.
     *
     * @param type the socket type
     * @return the pair
     * @throws UnsupportedFeatureException if the chosen backend lacks {@link Capability#SOCKETPAIR}
     * @throws BackendSelectionException   if no backend can serve the type
     * @throws IOException                 if the call fails
     */
    public static SocketPair pair(SocketType type) throws IOException {
        return Registry.installed().select(type, Capability.SOCKETPAIR).pair(type);
    }

    /**
     * Takes an inherited descriptor number, such as one systemd passed, as a socket of whatever
     * type it is ({@link Capability#ADOPT_DESCRIPTOR}). See {@link #adopt(int, SocketType)}.
     *
     * @param fd the descriptor number
     * @return the socket, which owns the descriptor from then on
     * @throws BackendSelectionException if no backend can adopt descriptors
     * @throws IOException               if the number is not an AF_UNIX socket; it is left open
     */
    public static UnixSocket adopt(int fd) throws IOException {
        return Registry.installed().select(null, Capability.ADOPT_DESCRIPTOR).adopt(fd, null, false);
    }

    /**
     * Takes an inherited descriptor number as a socket of a given type
     * ({@link Capability#ADOPT_DESCRIPTOR}). The number is checked first: it must be open, a
     * socket, of family AF_UNIX ({@code SO_DOMAIN}) and of the type ({@code SO_TYPE}). Then it is
     * set close-on-exec, so that processes started later do not inherit it, and blocking, as every
     * uds socket is (a parent may pass one non-blocking), and the socket owns it: closing the
     * socket closes the number. A number that fails a check is left as it was,
     * open and not taken, and the message names it and what it is, for example
     * {@code adopt fd 3: ENOTSOCK (Socket operation on non-socket); fd 3 is pipe:[81236]}.
     *
     * <p>Adopt a number once, and only one that nothing else in the process owns (an inherited
     * one): two owners would close it twice.
     *
     * @param fd   the descriptor number
     * @param type the type it must have
     * @return the socket
     * @throws BackendSelectionException if no backend can adopt descriptors of that type
     * @throws IllegalArgumentException  for a negative number
     * @throws UnixSocketException       {@code EBADF} if no such descriptor is open,
     *                                   {@code ENOTSOCK} for a file or a pipe,
     *                                   {@code EAFNOSUPPORT} for a socket of another family,
     *                                   {@code EPROTOTYPE} for an AF_UNIX socket of another type
     * @throws IOException               if a check cannot be made
     */
    public static UnixSocket adopt(int fd, SocketType type) throws IOException {
        return Registry.installed().select(type, Capability.ADOPT_DESCRIPTOR).adopt(fd, type, false);
    }

    /**
     * As {@link #adopt(int, SocketType)}, and a STREAM or SEQPACKET socket must also be listening
     * ({@code SO_ACCEPTCONN}), as a socket systemd passes with {@code Accept=no} is; a connected
     * one fails with {@code EINVAL}. For DGRAM, the same as {@link #adopt(int, SocketType)}.
     *
     * @param fd   the descriptor number
     * @param type the type it must have
     * @return the listening socket
     * @throws BackendSelectionException if no backend can adopt descriptors of that type
     * @throws IOException               as {@link #adopt(int, SocketType)}, or {@code EINVAL}
     *                                   for a socket that is not listening; it is left open
     */
    public static UnixSocket adoptListening(int fd, SocketType type) throws IOException {
        return Registry.installed().select(type, Capability.ADOPT_DESCRIPTOR).adopt(fd, type, true);
    }

    /**
     * Every backend found, available or not, with what it offers or why it is unavailable.
     *
     * @return the backends, in the order they were found
     */
    public static List<Backend> backends() {
        return Registry.installed().backends();
    }

    /**
     * One backend by name, to open sockets on it whatever {@code uds.backend} says.
     *
     * @param name the backend's name, such as {@code "jdk"}
     * @return the backend, which may be unavailable
     * @throws BackendSelectionException if no backend has that name
     */
    public static Backend backend(String name) {
        return Registry.installed().named(name);
    }
}
