package dev.uds.backend.ffm;

import static dev.uds.linux.Linux.EAGAIN;
import static dev.uds.linux.Linux.EINTR;

import dev.uds.SocketType;
import dev.uds.internal.Errors;
import dev.uds.linux.Linux;
import dev.uds.linux.LinuxErrors;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The hot path: data without ancillary data, through {@code send(2)} and {@code recv(2)}.
 *
 * <p>A direct buffer is handed to the kernel where it is. A heap buffer goes through the
 * thread's copy buffer ({@link FfmScratch#copyBuffer(int)}), never a new one per call. Every
 * send carries {@code MSG_NOSIGNAL}, so a gone peer is an EPIPE exception and never a SIGPIPE.
 *
 * <p>A platform thread makes blocking calls. A virtual thread adds {@code MSG_DONTWAIT} and
 * parks on EAGAIN ({@link FfmWait}), so that it never holds its carrier in the kernel; the
 * socket itself stays blocking, so threads of both kinds can share it.
 *
 * <p>Most calls find data or room waiting, so each call is first made with {@code MSG_DONTWAIT}
 * as a critical downcall ({@link Libc#sendNow}), which skips the thread-state transitions of an
 * ordinary downcall. Only a platform thread's call that gets EAGAIN is made again, as an ordinary
 * blocking one, during which the garbage collector can run. Buffers larger than
 * {@link Libc#NOW_LIMIT} and mapped files always go the ordinary way.
 *
 * <p>Receives adapt per socket: where the answer is never there yet at the first try (a database
 * round trip, ping-pong), that try is a wasted system call before every wait. So once a platform
 * thread's first try on a socket finds nothing, the socket's receives that follow block at once
 * after a receive that left room in its buffer (it emptied the queue), and try first again after
 * one that filled it (more is queued, as in a bulk transfer). Guessing wrong costs little: a
 * blocking call that finds data returns at once, paying the thread-state transitions only.
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

    /**
     * One send(2) of up to {@code length} bytes from {@code src}, whose position it advances. A
     * virtual thread sends with MSG_DONTWAIT and parks on EAGAIN ({@link FfmWait}); the copy of
     * a heap buffer is made again at each try, as the copy buffer is given back while parked.
     */
    private static void sendOnce(FfmUnixSocket socket, int fd, ByteBuffer src, int length, FfmScratch scratch)
            throws IOException {
        int position = src.position();
        int flags = Linux.MSG_NOSIGNAL | (scratch.virtual ? Linux.MSG_DONTWAIT : 0);
        FfmWait wait = null;
        try {
            while (true) {
                long data;
                if (src.isDirect()) {
                    data = scratch.addressOf(src);
                } else {
                    ByteBuffer copy = scratch.copyBuffer(length);
                    copy.put(0, src, position, length);
                    data = scratch.addressOfCopy(copy);
                }
                long sent = call(socket, true, scratch, fd, data, length, flags);
                FfmUnixSocket.keepAlive(src);
                if (sent >= 0) {
                    src.position(position + (int) sent);
                    return;
                }
                int errno = scratch.errno();
                if (errno == EINTR && !socket.descriptor().isClosed()) {
                    continue;
                }
                if (errno == EAGAIN && scratch.virtual) {
                    wait = FfmWait.after(wait, socket, fd, FfmWait.WRITE, Linux.SO_SNDTIMEO, "send", socket.label());
                    continue;
                }
                throw sendFailure(socket, "send", fd, length, errno);
            }
        } finally {
            FfmWait.finish(wait);
            scratch.releaseCopy();
        }
    }

    /**
     * One send(2) or recv(2), the fastest way it can be made (see the class comment). Only the
     * call that may block is made interruptible ({@link FfmUnixSocket#enterBlocking()}): the
     * critical first try cannot block, and costs no more than before.
     *
     * @return what the call returned; errno is in the scratch
     * @throws java.nio.channels.ClosedByInterruptException if an interrupt closed the socket meanwhile
     */
    private static long call(FfmUnixSocket socket, boolean send, FfmScratch scratch, int fd, long data, int length,
            int flags) throws IOException {
        // A platform thread's receive skips the first try while the socket's receives wait (see
        // the class comment): in request/response traffic it would only find nothing.
        boolean firstTry = send || scratch.virtual || !socket.receiveBlocksAtOnce;
        if (firstTry && length <= Libc.NOW_LIMIT && !scratch.mapped) {
            int now = flags | Linux.MSG_DONTWAIT;
            long result = send ? Libc.sendNow(scratch.errno, fd, data, length, now)
                    : Libc.recvNow(scratch.errno, fd, data, length, now);
            if (result >= 0 || scratch.virtual || scratch.errno() != EAGAIN) {
                if (!send && !scratch.virtual) {
                    adapt(socket, result, length);
                }
                return result;
            }
            if (!send) {
                socket.receivesWaited = true;
                socket.receiveBlocksAtOnce = true;
            }
        }
        if (scratch.virtual) {
            // MSG_DONTWAIT is in the flags: the call cannot block, and FfmWait sees interrupts.
            return send ? Libc.send(scratch.errno, fd, data, length, flags) : Libc.recv(scratch.errno, fd, data, length, flags);
        }
        socket.enterBlocking();
        long result = -1;
        try {
            result = send ? Libc.send(scratch.errno, fd, data, length, flags) : Libc.recv(scratch.errno, fd, data, length, flags);
        } finally {
            socket.leaveBlocking(result >= 0);
        }
        if (!send) {
            adapt(socket, result, length);
        }
        return result;
    }

    /**
     * After a platform thread's receive on a socket whose receives have waited before: one that
     * left room in its buffer emptied the queue, so the next blocks at once; one that filled it
     * says more is queued, so the next tries first. Sockets that never waited (a thread that
     * sends to itself, data always queued) keep trying first whatever they receive.
     */
    private static void adapt(FfmUnixSocket socket, long received, int length) {
        if (socket.receivesWaited && received >= 0) {
            socket.receiveBlocksAtOnce = received < length;
        }
    }

    /** The exception for a failed send; EMSGSIZE says the message's size and the socket's limit. */
    static IOException sendFailure(FfmUnixSocket socket, String call, int fd, long length, int errno) {
        IOException closed = socket.descriptor().closedMeanwhile();
        if (closed != null) {
            return closed;
        }
        if (errno == Linux.EMSGSIZE) {
            return LinuxErrors.messageTooLarge(call, socket.label(), length, FfmOptions.sendBufferOrUnknown(fd));
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
        // MSG_TRUNC makes recv(2) return a message's real length even when it did not fit.
        int allFlags = (stream ? flags : flags | Linux.MSG_TRUNC) | (scratch.virtual ? Linux.MSG_DONTWAIT : 0);
        FfmWait wait = null;
        try {
            while (true) {
                int length;
                ByteBuffer copy = null;
                long data;
                if (dst.isDirect()) {
                    length = room;
                    data = scratch.addressOf(dst);
                } else {
                    // A message must arrive whole, so its copy buffer takes all the room offered.
                    length = stream ? Math.min(room, scratch.streamChunk()) : room;
                    copy = scratch.copyBuffer(length);
                    data = scratch.addressOfCopy(copy);
                }
                long received = call(socket, false, scratch, fd, data, length, allFlags);
                FfmUnixSocket.keepAlive(dst);
                if (received < 0) {
                    int errno = scratch.errno();
                    if (errno == EINTR && !socket.descriptor().isClosed()) {
                        continue;
                    }
                    if (errno != EAGAIN || !scratch.virtual) {
                        throw socket.failure(call, errno);
                    }
                    if (!socket.dgramInputShutDown(fd)) {
                        wait = FfmWait.after(wait, socket, fd, FfmWait.READ, Linux.SO_RCVTIMEO, call, socket.label());
                        continue;
                    }
                    received = 0;
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
        } finally {
            FfmWait.finish(wait);
            scratch.releaseCopy();
        }
    }
}
