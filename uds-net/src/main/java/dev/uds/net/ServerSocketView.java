package dev.uds.net;

import dev.uds.UnixSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.util.Set;

/**
 * A {@link ServerSocket} over a listening STREAM uds socket; like {@link SocketView}, it hands its
 * superclass a {@link RefusingSocketImpl} and overrides every public method. What it supports is
 * on {@link UnixSockets#serverSocket(UnixSocket)}.
 */
final class ServerSocketView extends ServerSocket {
    private final UnixSocket listening;
    /** Serves the options and the timeout; never connected. */
    private final StreamConnection state;

    ServerSocketView(UnixSocket listening) throws IOException {
        super(new RefusingSocketImpl());
        this.listening = listening;
        this.state = new StreamConnection(listening, null, null);
    }

    UnixSocket listening() {
        return listening;
    }

    /** Refused: the socket is bound already. */
    @Override
    public void bind(SocketAddress endpoint) throws IOException {
        bind(endpoint, 50);
    }

    /** Refused: the socket is bound already. */
    @Override
    public void bind(SocketAddress endpoint, int backlog) throws IOException {
        state.ensureOpen();
        throw new SocketException("uds server socket is bound already, to " + Addresses.local(state)
                + "; cannot bind it to " + endpoint);
    }

    /** Always null: an AF_UNIX socket has no IP address. */
    @Override
    public InetAddress getInetAddress() {
        return null;
    }

    /** Always -1: AF_UNIX has no ports. */
    @Override
    public int getLocalPort() {
        return -1;
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return Addresses.local(state);
    }

    /**
     * Waits for a connection, up to the timeout of {@link #setSoTimeout(int)}, and returns the
     * {@link Socket} view of it.
     *
     * @throws java.net.SocketTimeoutException if the timeout passes; the server socket stays usable
     * @throws SocketException if the server socket is closed, also by another thread during the wait
     */
    @Override
    public Socket accept() throws IOException {
        state.ensureOpen();
        UnixSocket accepted;
        try {
            accepted = listening.accept();
        } catch (ClosedChannelException e) {
            throw ViewInputStream.closed(state, "accept", e);
        }
        try {
            return StreamConnection.of(accepted).socketView();
        } catch (IOException | RuntimeException e) {
            try {
                accepted.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Closes the listening socket; an {@code accept} blocked in another thread ends with a {@link SocketException}. */
    @Override
    public void close() throws IOException {
        listening.close();
    }

    /** Always null: no {@code ServerSocketChannel} stands behind this view. */
    @Override
    public ServerSocketChannel getChannel() {
        return null;
    }

    /** Always true: the view is made of a bound socket. */
    @Override
    public boolean isBound() {
        return true;
    }

    @Override
    public boolean isClosed() {
        return !listening.isOpen();
    }

    /** How long {@link #accept()} waits; non-zero only on backends that declare a receive timeout. */
    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        state.ensureOpen();
        state.soTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws IOException {
        state.ensureOpen();
        return state.soTimeout();
    }

    /** Accepted and ignored: an AF_UNIX address is reused by deleting its socket file. */
    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        setOptionChecked(StandardSocketOptions.SO_REUSEADDR, on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return getOptionChecked(StandardSocketOptions.SO_REUSEADDR);
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        setOptionChecked(StandardSocketOptions.SO_RCVBUF, size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return getOptionChecked(StandardSocketOptions.SO_RCVBUF);
    }

    /** Accepted and ignored: one kind of connection only. */
    @Override
    public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        // Nothing to trade: AF_UNIX offers one path.
    }

    @Override
    public <T> ServerSocket setOption(SocketOption<T> name, T value) throws IOException {
        state.options.set(name, value, ViewOptions.LISTENING);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return state.options.get(name, ViewOptions.LISTENING);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return ViewOptions.LISTENING;
    }

    /** For example {@code ServerSocket[uds ffm, /run/app.sock]}. */
    @Override
    public String toString() {
        return "ServerSocket[uds " + listening.backend() + ", " + Addresses.local(state)
                + (isClosed() ? ", closed" : "") + "]";
    }

    private <T> void setOptionChecked(SocketOption<T> option, T value) throws SocketException {
        try {
            state.options.set(option, value, ViewOptions.LISTENING);
        } catch (IOException e) {
            throw ViewOptions.asSocketException(e);
        }
    }

    private <T> T getOptionChecked(SocketOption<T> option) throws SocketException {
        try {
            return state.options.get(option, ViewOptions.LISTENING);
        } catch (IOException e) {
            throw ViewOptions.asSocketException(e);
        }
    }
}
