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

    static MessageReader of(UnixSocket socket) {
        return socket.type() == SocketType.STREAM ? new StreamMessageReader(socket) : new PacketMessageReader(socket);
    }
}
