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
    /**
     * The bytes the last {@code available()} counted that no receive has taken since: while
     * above 0, a packet is queued and a receive returns at once.
     */
    private int arrived;

    PacketMessageReader(UnixSocket socket) {
        this.socket = socket;
    }

    @Override
    public Frame poll() throws IOException {
        // SIOCINQ counts every byte queued on a SEQPACKET socket, of all its packets, so one call
        // covers every message of a session that has arrived whole. 0 is none queued, or only
        // empty packets, which next() then reads in the session's own thread.
        if (arrived <= 0) {
            arrived = socket.available();
        }
        return arrived > 0 ? next() : PENDING;
    }

    @Override
    public Frame next() throws IOException {
        buffer.clear();
        int length;
        try {
            length = socket.receive(buffer);
        } catch (MessageTruncatedException e) {
            arrived -= e.messageLength();
            return new Frame(Arrays.copyOf(buffer.array(), Math.min(e.received(), Frame.HEAD_SIZE)),
                    Math.max(e.messageLength(), Frame.HEAD_SIZE + 1));
        }
        if (length < 0) {
            arrived = 0;
            return null;
        }
        arrived -= length;
        return new Frame(Arrays.copyOf(buffer.array(), length), length);
    }
}
