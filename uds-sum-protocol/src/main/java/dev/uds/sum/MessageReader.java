package dev.uds.sum;

import dev.uds.SocketType;
import dev.uds.UnixSocket;
import java.io.IOException;

/** Reads a session's messages: one per packet over SEQPACKET, one per NUL over STREAM. */
interface MessageReader {

    /**
     * The next message.
     *
     * @return the message, or null at end of stream
     * @throws IOException if the receive fails
     */
    Frame next() throws IOException;

    /** What {@link #poll()} returns when the next message has not all arrived. */
    Frame PENDING = new Frame(new byte[0], -1);

    /**
     * The next message if it is there already, without waiting: the socket's
     * {@link UnixSocket#available()} says whether a receive would wait. Only for a backend with
     * {@link dev.uds.Capability#BYTES_AVAILABLE}.
     *
     * @return the message; {@link #PENDING} if it has not all arrived, or if the stream may have
     *         ended (a later {@link #next()} tells); null at an end of stream already read
     * @throws IOException if a call fails
     */
    Frame poll() throws IOException;

    static MessageReader of(UnixSocket socket) {
        return socket.type() == SocketType.STREAM ? new StreamMessageReader(socket) : new PacketMessageReader(socket);
    }
}
