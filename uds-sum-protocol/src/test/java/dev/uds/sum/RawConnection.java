package dev.uds.sum;

import dev.uds.Ancillary;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** A client connection that sends exactly the bytes a test gives it. */
final class RawConnection implements AutoCloseable {
    private final UnixSocket socket;

    private RawConnection(UnixSocket socket) {
        this.socket = socket;
    }

    static RawConnection open(Transport transport, Path path) throws IOException {
        return new RawConnection(UnixDomain.backend(transport.backend()).connect(transport.type(), UnixAddress.of(path)));
    }

    /** Sends a message as the example's client does: the text and a NUL. */
    RawConnection send(String... texts) throws IOException {
        for (String text : texts) {
            sendBytes(SumProtocol.message(text));
        }
        return this;
    }

    /** Sends bytes as one message (one write over STREAM). */
    RawConnection sendBytes(byte[] bytes) throws IOException {
        socket.send(ByteBuffer.wrap(bytes));
        return this;
    }

    /** Sends bytes as one message with ancillary data, such as descriptors (SCM_RIGHTS). */
    RawConnection sendBytes(byte[] bytes, Ancillary ancillary) throws IOException {
        socket.send(ByteBuffer.wrap(bytes), ancillary);
        return this;
    }

    /** The connection's socket, for a test that passes it as a descriptor. */
    UnixSocket socket() {
        return socket;
    }

    /** Receives the 12-byte reply: all of it, or what came before end of stream. */
    byte[] reply() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        if (socket.type() == SocketType.STREAM) {
            int n = 0;
            while (buffer.position() < SumProtocol.REPLY_SIZE && n >= 0) {
                n = socket.receive(buffer);
            }
        } else {
            socket.receive(buffer);
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** The reply's text, before its first NUL. */
    String replyText() throws IOException {
        byte[] reply = reply();
        int end = 0;
        while (end < reply.length && reply[end] != 0) {
            end++;
        }
        return new String(reply, 0, end, StandardCharsets.US_ASCII);
    }

    /** Whether the server has closed its end: the next receive is end of stream. */
    boolean atEndOfStream() throws IOException {
        return socket.receive(ByteBuffer.allocate(64)) == -1;
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
