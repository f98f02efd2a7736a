package dev.uds.net;

import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * A {@link SocketFactory} whose sockets connect to one AF_UNIX address, whatever host and port
 * they are given: the way to run a library written for TCP sockets (pgjdbc, OkHttp, docker-java)
 * over a Unix socket on any uds backend.
 *
 * <p>pgjdbc, for example, takes it as
 * {@code jdbc:postgresql://localhost/db?socketFactory=dev.uds.net.UnixSocketFactory&socketFactoryArg=/run/postgresql/.s.PGSQL.5432}.
 *
 * <p>Where the address comes from, by constructor:
 * <ul>
 * <li>{@link #UnixSocketFactory()}: the system property {@value #PATH_PROPERTY};</li>
 * <li>{@link #UnixSocketFactory(String)}: the path given (pgjdbc's {@code socketFactoryArg});</li>
 * <li>{@link #UnixSocketFactory(Properties)}: the key {@value #PATH_PROPERTY}, else
 *     {@value #ABSTRACT_NAME_PROPERTY} (an abstract name), else {@value #SOCKET_FACTORY_ARG}
 *     (the key pgjdbc passes its {@code socketFactoryArg} under, since pgjdbc prefers this
 *     constructor), else the system property {@value #PATH_PROPERTY}; and the backend from
 *     {@value #BACKEND_PROPERTY};</li>
 * <li>{@link #of(UnixAddress)} and {@link #of(String, UnixAddress)}: any address, abstract names
 *     included.</li>
 * </ul>
 * Without a named backend, sockets open on the backend {@code -Duds.backend} selects, as
 * {@link UnixDomain#open(dev.uds.SocketType)} does. Sockets are always of type STREAM.
 *
 * <p>{@link #createSocket()} returns an unconnected socket whose
 * {@link Socket#connect(java.net.SocketAddress, int)} ignores the host and port it is given and
 * connects to this factory's address; the {@code createSocket(host, port)} variants connect at
 * once, also ignoring host and port, and refuse a local address to bind to (AF_UNIX has no ports).
 * What the sockets support and refuse is described at {@link UnixSockets#socket(dev.uds.UnixSocket)}.
 *
 * @see "unix(7)"
 */
public final class UnixSocketFactory extends SocketFactory {

    /** The system property and {@link Properties} key naming the socket's path: {@value}. */
    public static final String PATH_PROPERTY = "uds.net.path";

    /** The {@link Properties} key naming an abstract name instead of a path: {@value}. */
    public static final String ABSTRACT_NAME_PROPERTY = "uds.net.abstractName";

    /** The {@link Properties} key naming the backend, such as {@code ffm}: {@value}. */
    public static final String BACKEND_PROPERTY = "uds.net.backend";

    /** The {@link Properties} key pgjdbc passes its {@code socketFactoryArg} under: {@value}. */
    public static final String SOCKET_FACTORY_ARG = "socketFactoryArg";

    private final UnixAddress address;
    private final String backend;

    /**
     * A factory for the path in the system property {@value #PATH_PROPERTY}, on the selected
     * backend.
     *
     * @throws IllegalStateException if the property is not set
     * @throws IllegalArgumentException if the path is not a valid socket path (empty, too long)
     */
    public UnixSocketFactory() {
        this(requiredSystemPath(), null);
    }

    /**
     * A factory for a path, on the selected backend: the constructor pgjdbc calls with its
     * {@code socketFactoryArg}.
     *
     * @param path the socket's path
     * @throws IllegalArgumentException if the path is not a valid socket path (empty, too long)
     */
    public UnixSocketFactory(String path) {
        this(UnixAddress.of(Objects.requireNonNull(path, "path")), null);
    }

    /**
     * A factory configured by properties: the keys are listed on the class.
     *
     * @param properties the properties
     * @throws IllegalStateException if no key names an address
     * @throws IllegalArgumentException if the address is not valid (empty, too long)
     */
    public UnixSocketFactory(Properties properties) {
        this(FactoryProperties.address(properties), properties.getProperty(BACKEND_PROPERTY));
    }

    private UnixSocketFactory(UnixAddress address, String backend) {
        this.address = Objects.requireNonNull(address, "address");
        this.backend = backend;
    }

    /**
     * A factory for any address (a path, an abstract name), on the selected backend.
     *
     * @param address where the sockets connect
     * @return the factory
     */
    public static UnixSocketFactory of(UnixAddress address) {
        return new UnixSocketFactory(address, null);
    }

    /**
     * A factory for any address, on one named backend whatever {@code -Duds.backend} says.
     *
     * @param backend the backend's name, such as {@code "ffm"}
     * @param address where the sockets connect
     * @return the factory
     * @throws dev.uds.BackendSelectionException if no backend has that name
     */
    public static UnixSocketFactory of(String backend, UnixAddress address) {
        UnixDomain.backend(Objects.requireNonNull(backend, "backend"));
        return new UnixSocketFactory(address, backend);
    }

    /**
     * The address every socket of this factory connects to.
     *
     * @return the address
     */
    public UnixAddress address() {
        return address;
    }

    /**
     * The backend named for this factory's sockets.
     *
     * @return the name, or empty when the usual selection applies
     */
    public Optional<String> backend() {
        return Optional.ofNullable(backend);
    }

    /**
     * An unconnected socket: its {@code connect} methods connect to this factory's address,
     * whatever address they are given.
     *
     * @return the socket
     * @throws IOException as {@link UnixDomain#open(SocketType)}
     */
    @Override
    public Socket createSocket() throws IOException {
        UnixSocket socket = backend == null ? UnixDomain.open(SocketType.STREAM)
                : UnixDomain.backend(backend).open(SocketType.STREAM);
        try {
            return UnixSockets.view(new StreamConnection(socket, address, null));
        } catch (RuntimeException e) {
            try {
                socket.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * A socket connected to this factory's address.
     *
     * @param host ignored
     * @param port ignored
     * @return the connected socket
     * @throws IOException as {@link dev.uds.UnixSocket#connect(UnixAddress)}
     */
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected();
    }

    /**
     * A socket connected to this factory's address.
     *
     * @param host ignored
     * @param port ignored
     * @return the connected socket
     * @throws IOException as {@link dev.uds.UnixSocket#connect(UnixAddress)}
     */
    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected();
    }

    /**
     * A socket connected to this factory's address; a local address to bind to is refused, since
     * AF_UNIX has no ports (null and 0, "any", are accepted).
     *
     * @param host      ignored
     * @param port      ignored
     * @param localHost the local address asked for
     * @param localPort the local port asked for
     * @return the connected socket
     * @throws java.net.SocketException if a local address or port is given
     * @throws IOException as {@link dev.uds.UnixSocket#connect(UnixAddress)}
     */
    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
            throws IOException {
        refuseLocal(localHost, localPort);
        return connected();
    }

    /**
     * A socket connected to this factory's address; a local address to bind to is refused, since
     * AF_UNIX has no ports (null and 0, "any", are accepted).
     *
     * @param address      ignored
     * @param port         ignored
     * @param localAddress the local address asked for
     * @param localPort    the local port asked for
     * @return the connected socket
     * @throws java.net.SocketException if a local address or port is given
     * @throws IOException as {@link dev.uds.UnixSocket#connect(UnixAddress)}
     */
    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        refuseLocal(localAddress, localPort);
        return connected();
    }

    /** The address and backend, for logs. */
    @Override
    public String toString() {
        return "UnixSocketFactory[" + address + (backend == null ? "" : " on " + backend) + "]";
    }

    private Socket connected() throws IOException {
        Socket socket = createSocket();
        socket.connect(UnixSocketAddress.of(address));
        return socket;
    }

    private void refuseLocal(InetAddress local, int port) throws SocketException {
        if ((local != null && !local.isAnyLocalAddress()) || port != 0) {
            throw new SocketException("a uds socket to " + address + " cannot bind to the local address " + local
                    + " port " + port + ": AF_UNIX has no IP addresses or ports");
        }
    }

    private static UnixAddress requiredSystemPath() {
        String path = System.getProperty(PATH_PROPERTY);
        if (path == null || path.isEmpty()) {
            throw new IllegalStateException("UnixSocketFactory() takes its socket path from the system"
                    + " property " + PATH_PROPERTY + ", which is not set");
        }
        return UnixAddress.of(path);
    }
}
