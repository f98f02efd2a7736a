package dev.uds.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.Set;

/**
 * A {@link Socket} over a STREAM uds socket. The JDK's {@code Socket} takes its implementation
 * through a protected constructor, public API since Java 1.1; this view hands it a
 * {@link RefusingSocketImpl} and overrides every public method instead, so that nothing goes
 * through the JDK's IP socket code and no JDK internals are reached. What each method supports is
 * on {@link UnixSockets#socket(dev.uds.UnixSocket)}.
 */
final class SocketView extends Socket {
    private final StreamConnection connection;
    /** The channel this socket belongs to, for {@link #getChannel()}; null for the other sockets, as in the JDK. */
    private final SocketChannel channel;
    private volatile boolean oobInline;
    private ViewInputStream in;
    private ViewOutputStream out;

    SocketView(StreamConnection connection, SocketChannel channel) throws SocketException {
        super(new RefusingSocketImpl());
        this.connection = connection;
        this.channel = channel;
    }

    StreamConnection connection() {
        return connection;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    /**
     * Connects to {@code endpoint} if it is a {@link java.net.UnixDomainSocketAddress} or a
     * {@link UnixSocketAddress}; to the factory's address for any other address (a host and port).
     */
    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (endpoint == null) {
            throw new IllegalArgumentException("connect: the address is null");
        }
        if (timeout < 0) {
            throw new IllegalArgumentException("connect: timeout must not be negative: " + timeout);
        }
        connection.connect(Addresses.connectTarget(endpoint, connection), timeout);
    }

    /** Binds to a {@link java.net.UnixDomainSocketAddress} or {@link UnixSocketAddress}; null autobinds. */
    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        connection.ensureOpen();
        connection.bind(Addresses.bindTarget(bindpoint));
    }

    /** Always null: an AF_UNIX peer has no IP address. */
    @Override
    public InetAddress getInetAddress() {
        return null;
    }

    /** Always null: an AF_UNIX socket has no IP address. */
    @Override
    public InetAddress getLocalAddress() {
        return null;
    }

    /** Always 0, as for an unconnected TCP socket: AF_UNIX has no ports. */
    @Override
    public int getPort() {
        return 0;
    }

    /** Always -1, as for an unbound TCP socket: AF_UNIX has no ports. */
    @Override
    public int getLocalPort() {
        return -1;
    }

    /** The peer's address; null if not connected or closed. */
    @Override
    public SocketAddress getRemoteSocketAddress() {
        return connection.isConnected() ? Addresses.remote(connection) : null;
    }

    /** This socket's address; null if closed. */
    @Override
    public SocketAddress getLocalSocketAddress() {
        return Addresses.local(connection);
    }

    @Override
    public SocketChannel getChannel() {
        return channel;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        connection.ensureConnected("getInputStream");
        if (connection.isInputShutdown()) {
            throw new SocketException("getInputStream: the uds socket's input is shut down" + connection.describe());
        }
        synchronized (this) {
            if (in == null) {
                in = new ViewInputStream(connection);
            }
            return in;
        }
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        connection.ensureConnected("getOutputStream");
        if (connection.isOutputShutdown()) {
            throw new SocketException("getOutputStream: the uds socket's output is shut down" + connection.describe());
        }
        synchronized (this) {
            if (out == null) {
                out = new ViewOutputStream(connection);
            }
            return out;
        }
    }

    /** Accepted and ignored: AF_UNIX has no Nagle algorithm. */
    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        set(StandardSocketOptions.TCP_NODELAY, on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return get(StandardSocketOptions.TCP_NODELAY);
    }

    /** Accepted and ignored: closing an AF_UNIX socket never waits for unsent data to be acknowledged. */
    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        if (on && linger < 0) {
            throw new IllegalArgumentException("invalid value for SO_LINGER: " + linger);
        }
        set(StandardSocketOptions.SO_LINGER, on ? Math.min(linger, 65535) : -1);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return get(StandardSocketOptions.SO_LINGER);
    }

    /** Refused: AF_UNIX has no urgent data. */
    @Override
    public void sendUrgentData(int data) throws IOException {
        throw new SocketException("sendUrgentData: AF_UNIX sockets have no urgent (out-of-band) data"
                + connection.describe());
    }

    /** Accepted and ignored: AF_UNIX has no urgent data to inline. */
    @Override
    public void setOOBInline(boolean on) throws SocketException {
        connection.ensureOpen();
        oobInline = on;
    }

    @Override
    public boolean getOOBInline() throws SocketException {
        connection.ensureOpen();
        return oobInline;
    }

    /** The receive timeout; non-zero only on backends that declare a receive timeout. */
    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        connection.ensureOpen();
        connection.soTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        connection.ensureOpen();
        return connection.soTimeout();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        set(StandardSocketOptions.SO_SNDBUF, size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return get(StandardSocketOptions.SO_SNDBUF);
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        set(StandardSocketOptions.SO_RCVBUF, size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return get(StandardSocketOptions.SO_RCVBUF);
    }

    /** Accepted and ignored: AF_UNIX has no keep-alive probes. */
    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        set(StandardSocketOptions.SO_KEEPALIVE, on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return get(StandardSocketOptions.SO_KEEPALIVE);
    }

    /** Accepted and ignored: AF_UNIX has no IP header. */
    @Override
    public void setTrafficClass(int tc) throws SocketException {
        if (tc < 0 || tc > 255) {
            throw new IllegalArgumentException("traffic class must be 0-255: " + tc);
        }
        set(StandardSocketOptions.IP_TOS, tc);
    }

    @Override
    public int getTrafficClass() throws SocketException {
        return get(StandardSocketOptions.IP_TOS);
    }

    /** Accepted and ignored: an AF_UNIX address is reused by deleting its socket file. */
    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        set(StandardSocketOptions.SO_REUSEADDR, on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return get(StandardSocketOptions.SO_REUSEADDR);
    }

    /** Closes the socket (and its channel); a read or write blocked in another thread ends with a {@link SocketException}. */
    @Override
    public void close() throws IOException {
        connection.close();
    }

    @Override
    public void shutdownInput() throws IOException {
        if (connection.isInputShutdown()) {
            throw new SocketException("shutdownInput: the uds socket's input is already shut down" + connection.describe());
        }
        connection.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (connection.isOutputShutdown()) {
            throw new SocketException("shutdownOutput: the uds socket's output is already shut down" + connection.describe());
        }
        connection.shutdownOutput();
    }

    /** For example {@code Socket[uds ffm, peer /run/postgresql/.s.PGSQL.5432]}. */
    @Override
    public String toString() {
        return "Socket[uds " + connection.socket.backend()
                + (connection.isConnected() ? ", peer " + connection.peer() : ", unconnected")
                + (connection.isClosed() ? ", closed" : "") + "]";
    }

    @Override
    public boolean isConnected() {
        return connection.isConnected();
    }

    @Override
    public boolean isBound() {
        return connection.isBound();
    }

    @Override
    public boolean isClosed() {
        return connection.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return connection.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return connection.isOutputShutdown();
    }

    /** Accepted and ignored: one kind of connection only. */
    @Override
    public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        // Nothing to trade: AF_UNIX offers one path.
    }

    /** The buffer sizes are the socket's; the TCP and IP options are accepted and ignored. */
    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
        connection.options.set(name, value, ViewOptions.STREAM);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return connection.options.get(name, ViewOptions.STREAM);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return ViewOptions.STREAM;
    }

    private <T> void set(SocketOption<T> option, T value) throws SocketException {
        try {
            connection.options.set(option, value, ViewOptions.STREAM);
        } catch (IOException | UnsupportedOperationException e) {
            throw ViewOptions.asSocketException(e);
        }
    }

    private <T> T get(SocketOption<T> option) throws SocketException {
        try {
            return connection.options.get(option, ViewOptions.STREAM);
        } catch (IOException | UnsupportedOperationException e) {
            throw ViewOptions.asSocketException(e);
        }
    }
}
