package dev.uds.backend.ffm;

import static dev.uds.backend.ffm.LibcStructs.EINTR;

import dev.uds.SocketType;
import dev.uds.internal.Errors;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The hot path: data without ancillary data, through {@code send(2)} and {@code recv(2)}.
 *
 * <p>A direct buffer is handed to the kernel where it is. A heap buffer goes through the
 * thread's copy buffer ({@link FfmScratch#copyBuffer(int)}), never a new one per call. Every
 * send carries {@code MSG_NOSIGNAL}, so a gone peer is an EPIPE exception and never a SIGPIPE.
 */
final class FfmTransfer {
    private FfmTransfer() {
    }

    /**
     * Sends all of {@code src} (STREAM) or exactly one message of it (DGRAM, SEQPACKET).
     * The caller holds {@code fd} through {@link FfmDescriptor#begin()}.
     */
    static int send(FfmUnixSocket socket, int fd, ByteBuffer src) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        int length = src.remaining();
        if (socket.type() != SocketType.STREAM) {
            // One message, whole or not at all: the kernel never sends part of one.
            sendOnce(socket, fd, src, length, scratch);
            return length;
        }
        while (src.hasRemaining()) {
            int chunk = src.isDirect() ? src.remaining() : Math.min(src.remaining(), scratch.streamChunk());
            sendOnce(socket, fd, src, chunk, scratch);
        }
        return length;
    }

    /** One send(2) of up to {@code length} bytes from {@code src}, whose position it advances. */
    private static void sendOnce(FfmUnixSocket socket, int fd, ByteBuffer src, int length, FfmScratch scratch)
            throws IOException {
        int position = src.position();
        MemorySegment data;
        if (src.isDirect()) {
            data = MemorySegment.ofBuffer(src);
        } else {
            ByteBuffer copy = scratch.copyBuffer(length);
            copy.put(0, src, position, length);
            data = scratch.segmentOf(copy);
        }
        long sent;
        do {
            sent = Libc.send(scratch.errno, fd, data, length, LibcStructs.MSG_NOSIGNAL);
        } while (sent < 0 && scratch.errno() == EINTR && !socket.descriptor().isClosed());
        FfmUnixSocket.keepAlive(src);
        if (sent < 0) {
            throw sendFailure(socket, "send", fd, length, scratch.errno());
        }
        src.position(position + (int) sent);
    }

    /** The exception for a failed send; EMSGSIZE says the message's size and the socket's limit. */
    static IOException sendFailure(FfmUnixSocket socket, String call, int fd, long length, int errno) {
        IOException closed = socket.descriptor().closedMeanwhile();
        if (closed != null) {
            return closed;
        }
        if (errno == LibcStructs.EMSGSIZE) {
            return Errors.exception(call, socket.label(), errno, "a message of " + length
                    + " bytes does not fit; the socket's send buffer (SO_SNDBUF) is "
                    + FfmOptions.sendBufferOrUnknown(fd) + " bytes, and one message must fit in it whole");
        }
        return Errors.exception(call, socket.label(), errno);
    }

    /**
     * One recv(2) into {@code dst}, whose position advances by the bytes placed.
     *
     * @return the message's real length (more than placed if it was truncated), the bytes
     *         received for STREAM, or -1 at end of stream
     */
    static long receive(FfmUnixSocket socket, int fd, ByteBuffer dst, int flags, String call) throws IOException {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("cannot " + call + " into a read-only buffer");
        }
        boolean stream = socket.type() == SocketType.STREAM;
        int room = dst.remaining();
        if (stream && room == 0) {
            return 0;
        }
        FfmScratch scratch = FfmScratch.current();
        int length;
        ByteBuffer copy = null;
        MemorySegment data;
        if (dst.isDirect()) {
            length = room;
            data = MemorySegment.ofBuffer(dst);
        } else {
            // A message must arrive whole, so its copy buffer takes all the room offered.
            length = stream ? Math.min(room, scratch.streamChunk()) : room;
            copy = scratch.copyBuffer(length);
            data = scratch.segmentOf(copy);
        }
        // MSG_TRUNC makes recv(2) return a message's real length even when it did not fit.
        int allFlags = stream ? flags : flags | LibcStructs.MSG_TRUNC;
        long received;
        do {
            received = Libc.recv(scratch.errno, fd, data, length, allFlags);
        } while (received < 0 && scratch.errno() == EINTR && !socket.descriptor().isClosed());
        FfmUnixSocket.keepAlive(dst);
        if (received < 0) {
            throw socket.failure(call, scratch.errno());
        }
        if (received == 0) {
            IOException closed = socket.descriptor().closedMeanwhile();
            if (closed != null) {
                throw closed;
            }
            if (socket.endOfStream(fd)) {
                return -1;
            }
        }
        int placed = (int) Math.min(received, length);
        if (copy != null) {
            dst.put(dst.position(), copy, 0, placed);
        }
        dst.position(dst.position() + placed);
        return received;
    }
}
