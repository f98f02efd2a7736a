package dev.uds.net;

import dev.uds.Backend;
import dev.uds.Capability;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One STREAM socket and the state its views share: whether it is connected and half-closed, its
 * receive timeout, the options it ignores, and the direct buffers its streams copy through.
 *
 * <p>The streams copy each {@code byte[]} once, to or from a direct buffer kept per direction,
 * which the backends hand to the kernel where it is: no allocation and no second copy per call.
 * The locks are {@link ReentrantLock}s rather than monitors, so that a virtual thread blocked in
 * a read or write never pins its carrier on Java 21 to 23.
 */
final class StreamConnection {
    /** The smallest and largest direct buffer per direction; they grow as callers ask for more. */
    private static final int MIN_BUFFER = 8 * 1024;
    private static final int MAX_BUFFER = 64 * 1024;

    final UnixSocket socket;
    /** Where {@code connect} goes when given a host and port: the factory's address, or null. */
    private final UnixAddress target;
    private final boolean timeouts;
    private final boolean sendTimeouts;
    final ViewOptions options;

    private final ReentrantLock stateLock = new ReentrantLock();
    final ReentrantLock readLock = new ReentrantLock();
    final ReentrantLock writeLock = new ReentrantLock();

    private volatile boolean connecting;
    private volatile boolean connected;
    private volatile boolean bound;
    private volatile boolean inputShutdown;
    private volatile boolean outputShutdown;
    private volatile int soTimeout;
    /** The peer's address once connected, for messages (read without a system call). */
    private volatile UnixAddress peer;

    private ByteBuffer readBuffer;
    private ByteBuffer writeBuffer;

    private SocketView socketView;
    private ChannelView channelView;

    StreamConnection(UnixSocket socket, UnixAddress target, UnixAddress peer) {
        if (socket.type() != SocketType.STREAM) {
            throw new IllegalArgumentException("the java.net and NIO views need a STREAM socket, not "
                    + socket.type() + " (backend " + socket.backend() + ")");
        }
        this.socket = socket;
        this.target = target;
        this.peer = peer;
        this.connected = peer != null;
        this.bound = connected;
        Backend backend = UnixDomain.backend(socket.backend());
        this.timeouts = backend.supports(Capability.RECEIVE_TIMEOUT);
        this.sendTimeouts = backend.supports(Capability.SEND_TIMEOUT);
        this.options = new ViewOptions(socket);
    }

    /** A view over a socket the application made: connected if it has a peer. */
    static StreamConnection of(UnixSocket socket) {
        UnixAddress peer;
        try {
            peer = socket.remoteAddress();
        } catch (IOException notConnected) {
            peer = null;
        }
        return new StreamConnection(socket, null, peer);
    }

    SocketView socketView() throws SocketException {
        stateLock.lock();
        try {
            if (socketView == null) {
                socketView = new SocketView(this, channelView);
            }
            return socketView;
        } finally {
            stateLock.unlock();
        }
    }

    ChannelView channelView() {
        stateLock.lock();
        try {
            if (channelView == null) {
                channelView = new ChannelView(this);
            }
            return channelView;
        } finally {
            stateLock.unlock();
        }
    }

    boolean isConnected() {
        return connected;
    }

    boolean isBound() {
        return bound;
    }

    boolean isClosed() {
        return !socket.isOpen();
    }

    boolean isInputShutdown() {
        return inputShutdown;
    }

    boolean isOutputShutdown() {
        return outputShutdown;
    }

    /** The address to connect to when a caller gives a host and port, which AF_UNIX has none of. */
    UnixAddress target(Object given) throws SocketException {
        if (target == null) {
            throw new SocketException("cannot connect a uds socket to " + given + ": it was not made by a"
                    + " UnixSocketFactory, so give a UnixDomainSocketAddress or a UnixSocketAddress");
        }
        return target;
    }

    /**
     * Connects, giving up after {@code timeoutMillis} (0: no limit); the socket is closed when the
     * connect fails, as the JDK's sockets are.
     */
    void connect(UnixAddress address, int timeoutMillis) throws IOException {
        stateLock.lock();
        try {
            ensureOpen();
            if (connected || connecting) {
                throw new SocketException("uds socket is already connected" + (connecting ? "" : " to " + peer)
                        + "; cannot connect it to " + address);
            }
            connecting = true;
        } finally {
            stateLock.unlock();
        }
        try {
            ConnectDeadline.connect(socket, address, timeoutMillis, sendTimeouts);
            peer = address;
            connected = true;
            bound = true;
        } catch (IOException | RuntimeException | Error e) {
            closeAfter(e);
            throw e;
        } finally {
            connecting = false;
        }
    }

    void bind(UnixAddress address) throws IOException {
        socket.bind(address);
        bound = true;
    }

    void shutdownInput() throws IOException {
        ensureConnected("shutdownInput");
        socket.shutdownInput();
        inputShutdown = true;
    }

    void shutdownOutput() throws IOException {
        ensureConnected("shutdownOutput");
        socket.shutdownOutput();
        outputShutdown = true;
    }

    int soTimeout() {
        return soTimeout;
    }

    /**
     * Sets the receive timeout ({@code SO_RCVTIMEO}), which also bounds {@code accept}. A backend
     * that does not declare {@link Capability#RECEIVE_TIMEOUT} takes only 0: a timeout it cannot
     * keep is refused, never ignored.
     */
    void soTimeout(int millis) throws SocketException {
        if (millis < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + millis);
        }
        if (millis == soTimeout) {
            return; // pgjdbc sets the same timeout around every check for notifications
        }
        if (!timeouts) {
            throw new SocketException("setSoTimeout(" + millis + ") on a uds socket of backend "
                    + socket.backend() + " refused: the backend does not declare "
                    + Capability.RECEIVE_TIMEOUT.description() + " (SO_RCVTIMEO), so only 0 (no limit)"
                    + " is possible; choose a backend that declares it, such as ffm or jnr");
        }
        try {
            socket.setOption(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofMillis(millis));
        } catch (IOException e) {
            throw ViewOptions.asSocketException(e);
        }
        soTimeout = millis;
    }

    /** One receive into {@code b}: at least one byte, or -1 at end of stream. */
    int read(byte[] b, int off, int len) throws IOException {
        readLock.lock();
        try {
            ByteBuffer buffer = readBuffer = sized(readBuffer, len);
            int n = socket.read(buffer);
            if (n > 0) {
                buffer.get(0, b, off, n);
            }
            return n;
        } finally {
            readLock.unlock();
        }
    }

    /** Sends every byte of {@code b[off, off + len)}, in pieces as large as the write buffer. */
    void write(byte[] b, int off, int len) throws IOException {
        writeLock.lock();
        try {
            while (len > 0) {
                ByteBuffer buffer = writeBuffer = sized(writeBuffer, len);
                int chunk = buffer.remaining();
                buffer.put(b, off, chunk).flip();
                socket.send(buffer);
                off += chunk;
                len -= chunk;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** One receive spread over {@code dsts}: the one call a scatter read makes without readv. */
    long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long room = 0;
        for (int i = offset; i < offset + length; i++) {
            room += dsts[i].remaining();
        }
        if (room == 0) {
            return 0;
        }
        readLock.lock();
        try {
            ByteBuffer buffer = readBuffer = sized(readBuffer, (int) Math.min(room, MAX_BUFFER));
            int n = socket.read(buffer);
            if (n <= 0) {
                return n;
            }
            buffer.flip();
            for (int i = offset; i < offset + length && buffer.hasRemaining(); i++) {
                int piece = Math.min(dsts[i].remaining(), buffer.remaining());
                dsts[i].put(buffer.slice(buffer.position(), piece));
                buffer.position(buffer.position() + piece);
            }
            return n;
        } finally {
            readLock.unlock();
        }
    }

    /** Sends every remaining byte of {@code srcs}, gathered into the write buffer. */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        writeLock.lock();
        try {
            long total = 0;
            int i = offset;
            while (true) {
                while (i < offset + length && !srcs[i].hasRemaining()) {
                    i++;
                }
                if (i == offset + length) {
                    return total;
                }
                ByteBuffer buffer = writeBuffer = sized(writeBuffer, MAX_BUFFER);
                for (int j = i; j < offset + length && buffer.hasRemaining(); j++) {
                    ByteBuffer src = srcs[j];
                    int piece = Math.min(src.remaining(), buffer.remaining());
                    buffer.put(src.slice(src.position(), piece));
                    src.position(src.position() + piece);
                }
                buffer.flip();
                total += socket.send(buffer);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** The direct buffer, grown if it is smaller than asked and can grow, cleared to {@code wanted}. */
    private static ByteBuffer sized(ByteBuffer buffer, int wanted) {
        if (buffer == null || (buffer.capacity() < wanted && buffer.capacity() < MAX_BUFFER)) {
            int capacity = Math.max(MIN_BUFFER, Integer.highestOneBit(Math.min(wanted, MAX_BUFFER) - 1) << 1);
            buffer = ByteBuffer.allocateDirect(Math.min(capacity, MAX_BUFFER));
        }
        buffer.clear().limit(Math.min(wanted, buffer.capacity()));
        return buffer;
    }

    /** Closes the socket and, first, the channel view, so that both report closed. */
    void close() throws IOException {
        ChannelView channel;
        stateLock.lock();
        try {
            channel = channelView;
        } finally {
            stateLock.unlock();
        }
        if (channel != null) {
            channel.close();
        }
        socket.close();
    }

    void ensureOpen() throws SocketException {
        if (!socket.isOpen()) {
            throw new SocketException("uds socket is closed" + describe());
        }
    }

    void ensureConnected(String what) throws SocketException {
        ensureOpen();
        if (!connected) {
            throw new SocketException(what + " on a uds socket that is not connected" + describe());
        }
    }

    /** Which socket, for messages: its backend and peer. */
    String describe() {
        UnixAddress p = peer != null ? peer : target;
        return " (backend " + socket.backend() + (p == null ? "" : ", peer " + p) + ")";
    }

    UnixAddress peer() {
        return peer;
    }

    private void closeAfter(Throwable failure) {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
