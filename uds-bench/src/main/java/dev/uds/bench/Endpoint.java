package dev.uds.bench;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** One end of a connected pair, whatever library implements it. */
public interface Endpoint extends Closeable {
    /**
     * Sends the buffer's remaining bytes: all of them for STREAM, one message otherwise.
     *
     * @param src the data
     * @throws IOException if the send fails
     */
    void send(ByteBuffer src) throws IOException;

    /**
     * Receives once.
     *
     * @param dst where to put the data
     * @return the bytes received, or -1 at end of stream
     * @throws IOException if the receive fails
     */
    int receive(ByteBuffer dst) throws IOException;

    /**
     * Receives until {@code dst} is full: one message for DGRAM and SEQPACKET, as many reads
     * as it takes for STREAM.
     *
     * @param dst where to put the data
     * @throws IOException if the receive fails, the stream ends, or a message has the wrong size
     */
    default void receiveExactly(ByteBuffer dst) throws IOException {
        while (dst.hasRemaining()) {
            if (receive(dst) < 0) {
                throw new IOException("end of stream with " + dst.remaining() + " bytes still expected");
            }
        }
    }
}
