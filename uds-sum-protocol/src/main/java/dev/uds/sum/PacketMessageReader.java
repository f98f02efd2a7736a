package dev.uds.sum;

import dev.uds.MessageTruncatedException;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Messages over SEQPACKET: each packet is one message. */
final class PacketMessageReader implements MessageReader {
    private final UnixSocket socket;
    private final ByteBuffer buffer = ByteBuffer.allocate(Frame.HEAD_SIZE);

    PacketMessageReader(UnixSocket socket) {
        this.socket = socket;
    }

    @Override
    public Frame poll() throws IOException {
        // SIOCINQ gives the next packet's length: 0 for none, and for an empty packet, which
        // next() then reads in the session's own thread.
        return socket.available() > 0 ? next() : PENDING;
    }

    @Override
    public Frame next() throws IOException {
        buffer.clear();
        int length;
        try {
            length = socket.receive(buffer);
        } catch (MessageTruncatedException e) {
            return new Frame(Arrays.copyOf(buffer.array(), Math.min(e.received(), Frame.HEAD_SIZE)),
                    Math.max(e.messageLength(), Frame.HEAD_SIZE + 1));
        }
        if (length < 0) {
            return null;
        }
        return new Frame(Arrays.copyOf(buffer.array(), length), length);
    }
}
