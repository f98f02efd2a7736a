package dev.uds;

import java.io.Closeable;
import java.io.IOException;

/**
 * Two connected sockets, as made by {@code socketpair(2)}; both ends are unnamed.
 * Closing the pair closes both ends.
 *
 * @see UnixDomain#pair(SocketType)
 */
public final class SocketPair implements Closeable {
    private final UnixSocket first;
    private final UnixSocket second;

    /**
     * Pairs two connected sockets.
     *
     * @param first  one end
     * @param second the other end
     */
    public SocketPair(UnixSocket first, UnixSocket second) {
        this.first = first;
        this.second = second;
    }

    /**
     * One end.
     *
     * @return the first socket
     */
    public UnixSocket first() {
        return first;
    }

    /**
     * The other end.
     *
     * @return the second socket
     */
    public UnixSocket second() {
        return second;
    }

    /**
     * Closes both ends; the second is closed even if closing the first fails.
     *
     * @throws IOException if closing either end fails
     */
    @Override
    public void close() throws IOException {
        try (UnixSocket a = first; UnixSocket b = second) {
            // try-with-resources closes both and keeps the second failure as suppressed
        }
    }
}
