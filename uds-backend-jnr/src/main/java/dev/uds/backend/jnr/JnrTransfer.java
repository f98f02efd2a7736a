package dev.uds.backend.jnr;

import dev.uds.MessageTruncatedException;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.linux.Linux;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * Sends and receives through libc {@code send(2)} and {@code recv(2)} on the socket's descriptor.
 * A direct buffer is passed to the kernel where it is; a heap buffer is copied through the
 * thread's {@link JnrScratch}, which is allocated once. jnr-unixsocket's channels instead
 * allocate a new heap buffer of {@code remaining()} bytes on every call.
 */
final class JnrTransfer {
    private JnrTransfer() {
    }

    /** One {@code send(2)} of at most {@code limit} bytes; advances {@code src}; never raises SIGPIPE. */
    static int sendOnce(JnrUnixSocket socket, int fd, ByteBuffer src, int limit) throws IOException {
        int length = Math.min(src.remaining(), limit);
        long address;
        if (src.isDirect()) {
            address = JnrScratch.address(src) + src.position();
        } else {
            JnrScratch scratch = JnrScratch.get();
            scratch.data(length).put(0, src, src.position(), length);
            address = scratch.dataAddress();
        }
        long sent;
        do {
            socket.enterBlocking();
            sent = -1;
            try {
                sent = JnrLibc.C.send(fd, address, length, Linux.MSG_NOSIGNAL);
            } finally {
                socket.leaveBlocking(sent >= 0);
            }
        } while (sent < 0 && socket.retry(JnrLibc.errno()));
        Reference.reachabilityFence(src);
        if (sent < 0) {
            throw socket.sendFailure(JnrLibc.errno(), length);
        }
        src.position(src.position() + (int) sent);
        return (int) sent;
    }

    /**
     * One {@code recv(2)} into {@code dst}, with {@code MSG_TRUNC} for message types so that the
     * kernel returns a message's real length even when it did not fit.
     *
     * @return the bytes placed, or -1 at end of stream
     * @throws MessageTruncatedException when a message was longer than the room in {@code dst}
     */
    static int receive(JnrUnixSocket socket, int fd, ByteBuffer dst, int flags, String call) throws IOException {
        if (dst.isReadOnly()) {
            // Refused before the call: received first, the message would be lost.
            throw new IllegalArgumentException("cannot " + call + " into a read-only buffer");
        }
        boolean stream = !socket.type().keepsMessageBoundaries();
        int room = dst.remaining();
        int length = stream && !dst.isDirect() ? Math.min(room, JnrScratch.STREAM_CHUNK) : room;
        JnrScratch scratch = dst.isDirect() ? null : JnrScratch.get();
        long address = scratch == null ? JnrScratch.address(dst) + dst.position() : addressOf(scratch, length);
        int allFlags = stream ? flags : flags | Linux.MSG_TRUNC;
        long received;
        do {
            socket.enterBlocking();
            received = -1;
            try {
                received = JnrLibc.C.recv(fd, address, length, allFlags);
            } finally {
                socket.leaveBlocking(received >= 0);
            }
        } while (received < 0 && socket.retry(JnrLibc.errno()));
        Reference.reachabilityFence(dst);
        if (received < 0) {
            throw socket.failure(call, JnrLibc.errno());
        }
        if (received == 0 && (stream || socket.inputEnded(fd))) {
            socket.throwIfClosedMeanwhile();
            return -1;
        }
        int placed = (int) Math.min(received, length);
        if (scratch != null) {
            dst.put(dst.position(), scratch.data(0), 0, placed);
        }
        dst.position(dst.position() + placed);
        if (received > length) {
            throw new MessageTruncatedException(call + " " + socket.label(), placed, (int) received);
        }
        return placed;
    }

    private static long addressOf(JnrScratch scratch, int length) {
        scratch.data(length);
        return scratch.dataAddress();
    }
}
