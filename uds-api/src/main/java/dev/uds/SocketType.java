package dev.uds;

/**
 * The three socket types of AF_UNIX.
 *
 * @see "unix(7): Valid socket types in the UNIX domain"
 */
public enum SocketType {
    /** A stream-oriented, reliable, ordered byte stream ({@code SOCK_STREAM}). */
    STREAM,
    /** Datagrams that keep message boundaries ({@code SOCK_DGRAM}); reliable and ordered on Linux. */
    DGRAM,
    /** Connection-oriented, ordered, reliable messages that keep their boundaries ({@code SOCK_SEQPACKET}). */
    SEQPACKET;

    /**
     * Whether a message sent on a socket of this type arrives as one message, never merged with
     * another nor split.
     *
     * @return true for {@link #DGRAM} and {@link #SEQPACKET}
     */
    public boolean keepsMessageBoundaries() {
        return this != STREAM;
    }

    /**
     * Whether sockets of this type connect and accept connections.
     *
     * @return true for {@link #STREAM} and {@link #SEQPACKET}
     */
    public boolean isConnectionOriented() {
        return this != DGRAM;
    }
}
