package dev.uds.interop;

import dev.uds.SocketType;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Sending and expecting the bytes of the features' conversations on one of our sockets. STREAM
 * has no message boundaries, so an expected text is read to its length; DGRAM and SEQPACKET
 * must deliver it as exactly one message.
 */
final class Talk {
    /** Room for any message of the conversations. */
    static final int ROOM = 1 << 16;

    private Talk() {
    }

    static void send(UnixSocket socket, String text) throws IOException {
        send(socket, ascii(text));
    }

    static void send(UnixSocket socket, byte[] bytes) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(bytes);
        int sent = socket.send(src);
        check(sent == bytes.length && !src.hasRemaining(), "send of " + bytes.length + " bytes sent " + sent);
    }

    static void expect(UnixSocket socket, String text) throws IOException {
        expect(socket, ascii(text), "\"" + text + "\"");
    }

    /** The bytes, as one message (DGRAM, SEQPACKET) or as the next bytes of the stream. */
    static void expect(UnixSocket socket, byte[] expected, String what) throws IOException {
        byte[] got = socket.type() == SocketType.STREAM
                ? readFully(socket, expected.length)
                : message(socket);
        check(Arrays.equals(expected, got), "expected " + what + " (" + expected.length + " bytes), received "
                + got.length + " bytes" + (got.length <= 64 ? ": \"" + new String(got, StandardCharsets.ISO_8859_1) + "\"" : ""));
    }

    /** The next {@code length} bytes of the stream, or the next message, which must be that long. */
    static byte[] receive(UnixSocket socket, int length) throws IOException {
        byte[] got = socket.type() == SocketType.STREAM ? readFully(socket, length) : message(socket);
        check(got.length == length, "expected a message of " + length + " bytes, received " + got.length);
        return got;
    }

    static void expectEnd(UnixSocket socket) throws IOException {
        int n = socket.receive(ByteBuffer.allocate(ROOM));
        check(n == -1, "expected end of stream (-1), received " + n + " bytes");
    }

    private static byte[] message(UnixSocket socket) throws IOException {
        ByteBuffer dst = ByteBuffer.allocate(ROOM);
        int n = socket.receive(dst);
        check(n >= 0, "expected a message, got end of stream");
        return Arrays.copyOf(dst.array(), n);
    }

    private static byte[] readFully(UnixSocket socket, int length) throws IOException {
        ByteBuffer dst = ByteBuffer.allocate(length);
        while (dst.hasRemaining()) {
            int n = socket.receive(dst);
            check(n > 0, "end of stream after " + dst.position() + " of " + length + " bytes");
        }
        return dst.array();
    }

    /** {@code length} bytes that differ from one length to the next and along the message. */
    static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ((i + length) % 251);
        }
        return bytes;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Fails the conversation with what was seen; an {@link AssertionError}, as JUnit reports it. */
    static void check(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }
}
