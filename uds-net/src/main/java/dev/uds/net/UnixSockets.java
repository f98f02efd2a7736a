package dev.uds.net;

import dev.uds.PeerCredentials;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * The {@code java.net} and NIO views of STREAM {@link UnixSocket}s, the way back from a view to
 * its socket, and address conversions to and from the JDK's {@link UnixDomainSocketAddress}.
 *
 * <p>A view and its socket are one connection: closing either closes both, and a
 * {@link Socket} view and the {@link SocketChannel} view of the same socket
 * ({@link Socket#getChannel()}, {@link SocketChannel#socket()}) share their state.
 *
 * @see "unix(7)"
 */
public final class UnixSockets {

    private UnixSockets() {
    }

    /**
     * A {@link Socket} over a connected STREAM socket.
     *
     * <p>Supported: the streams, {@link Socket#setSoTimeout(int)} on backends that declare
     * {@link dev.uds.Capability#RECEIVE_TIMEOUT} (an expired read throws
     * {@link java.net.SocketTimeoutException} and the socket stays usable; elsewhere a non-zero
     * timeout is refused with a {@link java.net.SocketException}), half-close with
     * {@code shutdownInput}/{@code shutdownOutput}, {@code close} from another thread ending a
     * blocked read or write with a {@link java.net.SocketException}, the send and receive buffer
     * sizes ({@code SO_SNDBUF}, {@code SO_RCVBUF}) where the backend declares
     * {@link dev.uds.Capability#BUFFER_SIZES}. Accepted and ignored, since they mean nothing for
     * AF_UNIX and drivers set them: {@code TCP_NODELAY}, {@code SO_KEEPALIVE}, {@code SO_LINGER},
     * {@code SO_REUSEADDR}, {@code SO_OOBINLINE}, the traffic class and performance preferences.
     * Refused: {@code bind} and {@code sendUrgentData}. {@link Socket#getInetAddress()} and the
     * other IP accessors answer as for an unconnected TCP socket (null, 0 or -1);
     * {@link Socket#getRemoteSocketAddress()} is a {@link UnixDomainSocketAddress} where the peer
     * has a pathname.
     *
     * @param stream a connected STREAM socket, which the view now owns
     * @return the view
     * @throws IllegalArgumentException if the socket is not of type STREAM
     */
    public static Socket socket(UnixSocket stream) {
        return view(StreamConnection.of(stream));
    }

    /**
     * A {@link ServerSocket} over a listening STREAM socket: {@link ServerSocket#accept()} returns
     * the {@link #socket(UnixSocket)} view of each connection, and
     * {@link ServerSocket#setSoTimeout(int)} limits how long it waits, on backends that declare
     * {@link dev.uds.Capability#RECEIVE_TIMEOUT}. {@code bind} is refused: the socket is bound.
     *
     * @param listening a bound, listening STREAM socket, which the view now owns
     * @return the view
     * @throws IllegalArgumentException if the socket is not of type STREAM
     */
    public static ServerSocket serverSocket(UnixSocket listening) {
        if (listening.type() != dev.uds.SocketType.STREAM) {
            throw new IllegalArgumentException("the ServerSocket view needs a STREAM socket, not "
                    + listening.type() + " (backend " + listening.backend() + ")");
        }
        try {
            return new ServerSocketView(listening);
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the ServerSocket view of a " + listening.backend()
                    + " socket", e);
        }
    }

    /**
     * A blocking {@link SocketChannel} over a connected STREAM socket: reads and writes, with
     * scatter and gather, shutdown, and the addresses as {@link UnixDomainSocketAddress}.
     * {@code configureBlocking(false)} throws {@link UnsupportedOperationException}, since uds
     * sockets are blocking and park virtual threads instead of being selected; registering with a
     * {@link java.nio.channels.Selector} throws
     * {@link java.nio.channels.IllegalBlockingModeException}, as for any blocking channel.
     *
     * @param stream a connected STREAM socket, which the view now owns
     * @return the view
     * @throws IllegalArgumentException if the socket is not of type STREAM
     */
    public static SocketChannel channel(UnixSocket stream) {
        return StreamConnection.of(stream).channelView();
    }

    /**
     * Connects a STREAM socket on the selected backend and returns its {@link SocketChannel} view.
     *
     * @param address where to connect
     * @return the connected channel
     * @throws IOException as {@link dev.uds.UnixDomain#connect}; nothing is left open
     */
    public static SocketChannel openChannel(UnixAddress address) throws IOException {
        return opened(UnixDomain.connect(SocketType.STREAM, address));
    }

    /**
     * Connects a STREAM socket on one named backend and returns its {@link SocketChannel} view.
     *
     * @param backend the backend's name, such as {@code "ffm"}
     * @param address where to connect
     * @return the connected channel
     * @throws IOException as {@link dev.uds.Backend#connect}; nothing is left open
     */
    public static SocketChannel openChannel(String backend, UnixAddress address) throws IOException {
        return opened(UnixDomain.backend(backend).connect(SocketType.STREAM, address));
    }

    /**
     * The socket under a view made by this module.
     *
     * @param view a socket from {@link #socket(UnixSocket)}, a {@link UnixSocketFactory} or a
     *             {@link #serverSocket(UnixSocket)}'s {@code accept}
     * @return the socket
     * @throws IllegalArgumentException if {@code view} is not such a socket
     */
    public static UnixSocket unixSocket(Socket view) {
        if (view instanceof SocketView v) {
            return v.connection().socket;
        }
        throw notAView(view);
    }

    /**
     * The socket under a channel view made by this module.
     *
     * @param view a channel from {@link #channel(UnixSocket)} or {@link #openChannel(UnixAddress)}
     * @return the socket
     * @throws IllegalArgumentException if {@code view} is not such a channel
     */
    public static UnixSocket unixSocket(SocketChannel view) {
        if (view instanceof ChannelView v) {
            return v.connection().socket;
        }
        throw notAView(view);
    }

    /**
     * The listening socket under a server socket view made by this module.
     *
     * @param view a server socket from {@link #serverSocket(UnixSocket)}
     * @return the socket
     * @throws IllegalArgumentException if {@code view} is not such a server socket
     */
    public static UnixSocket unixSocket(ServerSocket view) {
        if (view instanceof ServerSocketView v) {
            return v.listening();
        }
        throw notAView(view);
    }

    /**
     * The credentials of the peer of a socket view ({@code SO_PEERCRED}).
     *
     * @param view a socket made by this module
     * @return the peer's credentials
     * @throws IllegalArgumentException if {@code view} is not such a socket
     * @throws dev.uds.UnsupportedFeatureException if the backend lacks
     *                                             {@link dev.uds.Capability#PEER_CREDENTIALS}
     * @throws IOException as {@link UnixSocket#peerCredentials()}
     */
    public static PeerCredentials peerCredentials(Socket view) throws IOException {
        return unixSocket(view).peerCredentials();
    }

    /**
     * The credentials of the peer of a channel view ({@code SO_PEERCRED}).
     *
     * @param view a channel made by this module
     * @return the peer's credentials
     * @throws IllegalArgumentException if {@code view} is not such a channel
     * @throws dev.uds.UnsupportedFeatureException if the backend lacks
     *                                             {@link dev.uds.Capability#PEER_CREDENTIALS}
     * @throws IOException as {@link UnixSocket#peerCredentials()}
     */
    public static PeerCredentials peerCredentials(SocketChannel view) throws IOException {
        return unixSocket(view).peerCredentials();
    }

    /**
     * The JDK's address for a uds address.
     *
     * @param address a pathname or the unnamed address
     * @return the JDK's address; for the unnamed address, the one with an empty path, as the JDK
     *         reports unbound sockets
     * @throws IllegalArgumentException for an abstract name, which the JDK cannot express (see
     *                                  {@link UnixSocketAddress})
     */
    public static UnixDomainSocketAddress toJdk(UnixAddress address) {
        return Addresses.toJdk(address);
    }

    /**
     * The uds address for a JDK address.
     *
     * @param address the JDK's address
     * @return a pathname address, or {@link UnixAddress#unnamed()} for an empty path
     * @throws dev.uds.AddressTooLongException if the path does not fit in {@code sun_path}
     */
    public static UnixAddress fromJdk(UnixDomainSocketAddress address) {
        return Addresses.fromJdk(address);
    }

    /** The Socket view of a new connection; the JDK's constructor throws only under a security manager. */
    static Socket view(StreamConnection connection) {
        try {
            return connection.socketView();
        } catch (java.net.SocketException e) {
            throw new IllegalStateException("cannot make the Socket view of a " + connection.socket.backend()
                    + " socket", e);
        }
    }

    private static SocketChannel opened(UnixSocket connected) {
        return StreamConnection.of(connected).channelView();
    }

    private static IllegalArgumentException notAView(Object view) {
        return new IllegalArgumentException("not a uds view (made by dev.uds.net): "
                + (view == null ? "null" : view.getClass().getName() + " " + view));
    }
}
