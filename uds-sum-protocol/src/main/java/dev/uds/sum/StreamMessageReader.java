package dev.uds.sum;

import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Messages over STREAM: each ends at its NUL. A message longer than {@link Frame#HEAD_SIZE} is
 * counted but not kept, so a client cannot make the server hold an unbounded message.
 */
final class StreamMessageReader implements MessageReader {
    private final UnixSocket socket;
    private final ByteBuffer input = ByteBuffer.allocate(512).flip();
    private final byte[] head = new byte[Frame.HEAD_SIZE];
    private boolean ended;
    /** The length of the message being read, which may have begun in an earlier call. */
    private int length;

    StreamMessageReader(UnixSocket socket) {
        this.socket = socket;
    }

    @Override
    public Frame next() throws IOException {
        return read(true);
    }

    @Override
    public Frame poll() throws IOException {
        return read(false);
    }

    /** The next message; unless {@code wait}, {@link #PENDING} where a receive would wait. */
    private Frame read(boolean wait) throws IOException {
        while (true) {
            if (!input.hasRemaining()) {
                if (!ended && !wait && socket.available() <= 0) {
                    return PENDING;
                }
                if (ended || !fill()) {
                    // The stream ended inside a message: it has no NUL.
                    return length == 0 ? null : frame();
                }
            }
            byte b = input.get();
            if (length < head.length) {
                head[length] = b;
            }
            length++;
            if (b == 0) {
                return frame();
            }
        }
    }

    /** The message read so far, and a fresh start for the next. */
    private Frame frame() {
        Frame frame = new Frame(Arrays.copyOf(head, Math.min(length, head.length)), length);
        length = 0;
        return frame;
    }

    private boolean fill() throws IOException {
        input.clear();
        int n = socket.receive(input);
        input.flip();
        if (n < 0) {
            ended = true;
            return false;
        }
        return true;
    }
}
