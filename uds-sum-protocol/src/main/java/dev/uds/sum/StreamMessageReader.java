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

    StreamMessageReader(UnixSocket socket) {
        this.socket = socket;
    }

    @Override
    public Frame next() throws IOException {
        int length = 0;
        while (true) {
            if (!input.hasRemaining()) {
                if (ended || !fill()) {
                    // The stream ended inside a message: it has no NUL.
                    return length == 0 ? null : new Frame(Arrays.copyOf(head, Math.min(length, head.length)), length);
                }
            }
            byte b = input.get();
            if (length < head.length) {
                head[length] = b;
            }
            length++;
            if (b == 0) {
                return new Frame(Arrays.copyOf(head, Math.min(length, head.length)), length);
            }
        }
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
