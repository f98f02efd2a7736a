package dev.uds.net;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NoConnectionPendingException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnsupportedAddressTypeException;
import java.nio.channels.spi.SelectorProvider;
import java.util.Objects;
import java.util.Set;

/**
 * A blocking {@link SocketChannel} over a STREAM uds socket. It stays blocking: uds sockets park
 * a virtual thread where a selector would multiplex, so {@code configureBlocking(false)} is
 * refused, and {@link java.nio.channels.spi.AbstractSelectableChannel#register} then refuses
 * selectors as it does for every blocking channel. Blocking calls are bracketed by
 * {@link #begin()} and {@link #end(boolean)}, so an interrupt closes the channel and the call
 * ends with {@link java.nio.channels.ClosedByInterruptException}, as for the JDK's channels.
 */
final class ChannelView extends SocketChannel {
    private final StreamConnection connection;

    ChannelView(StreamConnection connection) {
        super(SelectorProvider.provider());
        this.connection = connection;
    }

    StreamConnection connection() {
        return connection;
    }

    @Override
    public SocketChannel bind(SocketAddress local) throws IOException {
        ensureOpen();
        if (local != null && !(local instanceof java.net.UnixDomainSocketAddress) && !(local instanceof UnixSocketAddress)) {
            throw new UnsupportedAddressTypeException();
        }
        connection.bind(Addresses.bindTarget(local));
        return this;
    }

    @Override
    public <T> SocketChannel setOption(SocketOption<T> name, T value) throws IOException {
        ensureOpen();
        connection.options.set(name, value, ViewOptions.STREAM);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        ensureOpen();
        return connection.options.get(name, ViewOptions.STREAM);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return ViewOptions.STREAM;
    }

    @Override
    public SocketChannel shutdownInput() throws IOException {
        ensureConnected();
        if (!connection.isInputShutdown()) {
            connection.shutdownInput();
        }
        return this;
    }

    @Override
    public SocketChannel shutdownOutput() throws IOException {
        ensureConnected();
        if (!connection.isOutputShutdown()) {
            connection.shutdownOutput();
        }
        return this;
    }

    /** The {@link Socket} view of the same connection, whose {@code getChannel()} is this channel. */
    @Override
    public Socket socket() {
        try {
            return connection.socketView();
        } catch (SocketException e) {
            throw new IllegalStateException("cannot make the Socket view of " + this, e);
        }
    }

    @Override
    public boolean isConnected() {
        return connection.isConnected();
    }

    /** Always false: a blocking connect is over when it returns. */
    @Override
    public boolean isConnectionPending() {
        return false;
    }

    /** Connects to a {@link java.net.UnixDomainSocketAddress} or {@link UnixSocketAddress}, blocking. */
    @Override
    public boolean connect(SocketAddress remote) throws IOException {
        Objects.requireNonNull(remote, "remote");
        ensureOpen();
        if (connection.isConnected()) {
            throw new AlreadyConnectedException();
        }
        boolean completed = false;
        try {
            begin();
            connection.connect(Addresses.connectTarget(remote, connection), 0);
            completed = true;
        } finally {
            finish(completed);
        }
        return true;
    }

    @Override
    public boolean finishConnect() throws IOException {
        ensureOpen();
        if (!connection.isConnected()) {
            throw new NoConnectionPendingException();
        }
        return true;
    }

    @Override
    public SocketAddress getRemoteAddress() throws IOException {
        ensureOpen();
        return Addresses.remote(connection);
    }

    @Override
    public SocketAddress getLocalAddress() throws IOException {
        ensureOpen();
        return Addresses.toSocketAddress(connection.socket.localAddress());
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        Objects.requireNonNull(dst, "dst");
        ensureConnected();
        if (connection.isInputShutdown()) {
            return -1;
        }
        boolean completed = false;
        connection.readLock.lock();
        try {
            begin();
            int n = connection.socket.read(dst);
            completed = true;
            return n;
        } finally {
            connection.readLock.unlock();
            finish(completed);
        }
    }

    /** One receive, spread over the buffers in order. */
    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dsts.length);
        ensureConnected();
        if (connection.isInputShutdown()) {
            return -1;
        }
        boolean completed = false;
        try {
            begin();
            long n = connection.read(dsts, offset, length);
            completed = true;
            return n;
        } finally {
            finish(completed);
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        Objects.requireNonNull(src, "src");
        ensureWritable();
        boolean completed = false;
        connection.writeLock.lock();
        try {
            begin();
            int n = connection.socket.write(src);
            completed = true;
            return n;
        } finally {
            connection.writeLock.unlock();
            finish(completed);
        }
    }

    /** Writes every remaining byte of the buffers, in order. */
    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, srcs.length);
        ensureWritable();
        boolean completed = false;
        try {
            begin();
            long n = connection.write(srcs, offset, length);
            completed = true;
            return n;
        } finally {
            finish(completed);
        }
    }

    /**
     * {@link #end(boolean)}, and closes this channel where the call failed because the socket was
     * closed under it or the thread was interrupted: the {@code jdk} backend's own channel takes
     * the interrupt itself and closes its channel, but neither its socket nor this view.
     */
    private void finish(boolean completed) throws IOException {
        try {
            end(completed);
        } finally {
            if (!completed && isOpen() && (connection.isClosed() || Thread.currentThread().isInterrupted())) {
                close();
            }
        }
    }

    @Override
    protected void implCloseSelectableChannel() throws IOException {
        connection.socket.close();
    }

    /** Refuses non-blocking mode, the only change ever asked of a blocking channel. */
    @Override
    protected void implConfigureBlocking(boolean block) {
        throw new UnsupportedOperationException("uds sockets are blocking: a blocked call parks a virtual"
                + " thread instead of holding a selector; configureBlocking(false) and Selector registration"
                + " are not supported" + connection.describe());
    }

    /** For example {@code SocketChannel[uds ffm, peer /run/app.sock]}. */
    @Override
    public String toString() {
        return "SocketChannel[uds " + connection.socket.backend()
                + (connection.isConnected() ? ", peer " + connection.peer() : ", unconnected")
                + (isOpen() ? "" : ", closed") + "]";
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!isOpen() || connection.isClosed()) {
            throw new ClosedChannelException();
        }
    }

    /** As the JDK's channels: writing after {@code shutdownOutput} is writing to a closed channel. */
    private void ensureWritable() throws ClosedChannelException {
        ensureConnected();
        if (connection.isOutputShutdown()) {
            throw new ClosedChannelException();
        }
    }

    private void ensureConnected() throws ClosedChannelException {
        ensureOpen();
        if (!connection.isConnected()) {
            throw new NotYetConnectedException();
        }
    }
}
