package dev.uds.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;

/**
 * The output stream of a {@link SocketView}: each write copies the caller's array once, into the
 * connection's direct buffer, and sends all of it. Nothing is buffered between calls, so
 * {@link #flush()} has nothing to do. Closing it closes the socket, as for the JDK's sockets.
 */
final class ViewOutputStream extends OutputStream {
    private final StreamConnection connection;
    private final byte[] single = new byte[1];

    ViewOutputStream(StreamConnection connection) {
        this.connection = connection;
    }

    @Override
    public void write(int b) throws IOException {
        connection.writeLock.lock();
        try {
            single[0] = (byte) b;
            write(single, 0, 1);
        } finally {
            connection.writeLock.unlock();
        }
    }

    /**
     * Sends every byte, blocking while the peer's buffer is full.
     *
     * @throws SocketException if the output is shut down or the socket closed (also by another
     *                         thread during the write), or the peer is gone
     *                         ({@link dev.uds.BrokenPipeException})
     */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (connection.isOutputShutdown()) {
            connection.ensureOpen();
            throw new SocketException("write failed: the uds socket's output is shut down" + connection.describe());
        }
        try {
            connection.write(b, off, len);
        } catch (ClosedChannelException e) {
            throw ViewInputStream.closed(connection, "write", e);
        }
    }

    /** Closes the socket. */
    @Override
    public void close() throws IOException {
        connection.close();
    }
}
