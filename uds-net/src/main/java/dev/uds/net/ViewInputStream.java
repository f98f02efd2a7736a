package dev.uds.net;

import dev.uds.Capability;
import dev.uds.UnixDomain;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;

/**
 * The input stream of a {@link SocketView}: each read is one receive into the connection's direct
 * buffer and one copy into the caller's array. Closing it closes the socket, as for the JDK's
 * sockets.
 */
final class ViewInputStream extends InputStream {
    private final StreamConnection connection;
    private final boolean counts;
    private final byte[] single = new byte[1];

    ViewInputStream(StreamConnection connection) {
        this.connection = connection;
        this.counts = UnixDomain.backend(connection.socket.backend()).supports(Capability.BYTES_AVAILABLE);
    }

    @Override
    public int read() throws IOException {
        // The one-byte array is shared: reads are serialized by the connection's read lock anyway.
        connection.readLock.lock();
        try {
            int n = read(single, 0, 1);
            return n == 1 ? single[0] & 0xff : -1;
        } finally {
            connection.readLock.unlock();
        }
    }

    /**
     * Receives at least one byte, waiting up to the socket's timeout.
     *
     * @throws java.net.SocketTimeoutException if the timeout passes; the stream stays usable
     * @throws SocketException if the socket is closed, also by another thread during the read
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (connection.isInputShutdown()) {
            return -1;
        }
        try {
            return connection.read(b, off, len);
        } catch (ClosedChannelException e) {
            throw closed(connection, "read", e);
        }
    }

    /**
     * The bytes that can be read without blocking ({@code SIOCINQ}) where the backend declares
     * {@link Capability#BYTES_AVAILABLE}, else 0.
     */
    @Override
    public int available() throws IOException {
        connection.ensureOpen();
        if (!counts || connection.isInputShutdown()) {
            return 0;
        }
        try {
            return connection.socket.available();
        } catch (ClosedChannelException e) {
            throw closed(connection, "available", e);
        }
    }

    /** Closes the socket. */
    @Override
    public void close() throws IOException {
        connection.close();
    }

    /** The JDK's sockets report a read or write on a closed socket as {@code SocketException}. */
    static SocketException closed(StreamConnection connection, String what, ClosedChannelException e) {
        SocketException closed = new SocketException(what + " failed: uds socket is closed" + connection.describe());
        closed.initCause(e);
        return closed;
    }
}
