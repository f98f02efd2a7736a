package dev.uds.linux;

import static dev.uds.linux.Linux.EAGAIN;
import static dev.uds.linux.Linux.EINTR;

import dev.uds.MessageTruncatedException;
import dev.uds.SocketType;
import dev.uds.internal.Errors;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;

/**
 * The hot path of every native backend: data without ancillary data, through {@code send(2)} and
 * {@code recv(2)}, over the backend's binding ({@link Syscalls}) and its thread's {@link Scratch}.
 *
 * <p>A direct buffer is handed to the kernel where it is. A heap buffer goes through the
 * thread's copy buffer ({@link Scratch#copyBuffer(int)}), never a new one per call. Every send
 * carries {@code MSG_NOSIGNAL}, so a gone peer is an EPIPE exception and never a SIGPIPE. A
 * receive into a read-only buffer is refused before any call, so no message is lost.
 *
 * <p>A thread that blocks makes blocking calls, interruptible
 * ({@link InterruptibleSocket#enterBlocking()}). A thread that parks ({@link Scratch#parks},
 * ffm's virtual threads) adds {@code MSG_DONTWAIT} and waits on EAGAIN through
 * {@link InterruptibleSocket#awaitReady}, so that it never holds its carrier in the kernel; the
 * socket itself stays blocking, so threads of both kinds can share it.
 *
 * <p>A binding with a first try ({@link Syscalls#nowLimit()}, ffm's critical call) makes each
 * call with {@code MSG_DONTWAIT} that way first, since most calls find data or room waiting;
 * only a blocking thread's call that gets EAGAIN is made again, as an ordinary blocking one.
 * Buffers larger than the limit and mapped files always go the ordinary way.
 *
 * <p>Receives adapt per socket: where the answer is never there yet at the first try (a database
 * round trip, ping-pong), that try is a wasted system call before every wait. So once a blocking
 * thread's first try on a socket finds nothing, the socket's receives that follow block at once
 * after a receive that left room in its buffer (it emptied the queue), and try first again after
 * one that filled it (more is queued, as in a bulk transfer). Guessing wrong costs little: a
 * blocking call that finds data returns at once, paying the thread-state transitions only.
 */
public final class Transfer {
    private Transfer() {
    }

    /**
     * Sends all of {@code src} (STREAM) or exactly one message of it (DGRAM, SEQPACKET).
     *
     * @param socket  the socket
     * @param fd      its descriptor, held by the caller
     * @param src     the bytes; its position advances by those sent
     * @param scratch the thread's scratch
     * @param calls   the backend's binding
     * @return the bytes sent
     * @throws IOException if a send failed
     */
    public static int send(InterruptibleSocket socket, int fd, ByteBuffer src, Scratch scratch, Syscalls calls)
            throws IOException {
        int length = src.remaining();
        if (socket.type() != SocketType.STREAM) {
            // One message, whole or not at all: the kernel never sends part of one.
            sendOnce(socket, fd, src, length, scratch, calls);
            return length;
        }
        while (src.hasRemaining()) {
            int chunk = src.isDirect() ? src.remaining() : Math.min(src.remaining(), scratch.streamChunk());
            sendOnce(socket, fd, src, chunk, scratch, calls);
        }
        return length;
    }

    /**
     * One send(2) of up to {@code length} bytes from {@code src}, whose position it advances. The
     * copy of a heap buffer is made again at each try, as a parking thread gives its copy buffer
     * back while parked.
     */
    private static void sendOnce(InterruptibleSocket socket, int fd, ByteBuffer src, int length, Scratch scratch,
            Syscalls calls) throws IOException {
        int position = src.position();
        int flags = Linux.MSG_NOSIGNAL | (scratch.parks ? Linux.MSG_DONTWAIT : 0);
        Object wait = null;
        try {
            while (true) {
                long data = scratch.addressOfData(src, length);
                long sent = sendCall(socket, scratch, calls, fd, data, length, flags, 0, 0);
                Reference.reachabilityFence(src);
                if (sent >= 0) {
                    src.position(position + (int) sent);
                    return;
                }
                int errno = (int) -sent;
                if (errno == EINTR && !socket.descriptor().isClosed()) {
                    continue;
                }
                if (errno == EAGAIN && scratch.parks) {
                    wait = socket.awaitReady(wait, fd, InterruptibleSocket.WAIT_WRITE, "send", socket.label());
                    continue;
                }
                throw sendFailure(socket, "send", fd, length, errno, calls);
            }
        } finally {
            if (wait != null) {
                socket.finishWait(wait);
            }
            scratch.releaseCopy();
        }
    }

    /**
     * One send(2), the fastest way it can be made (see the class comment); with a name,
     * sendto(2). Only the call that may block is made interruptible: a first try cannot block.
     * Kept apart from {@link #receiveCall} and small, so that the JIT inlines each into its flow
     * and folds the constants a flow passes.
     *
     * @param name       the address of the target's {@code sockaddr_un}, or 0 for none
     * @param nameLength its length, or 0
     * @return what the call returned: a count, or minus the errno
     */
    static long sendCall(InterruptibleSocket socket, Scratch scratch, Syscalls calls, int fd, long data, int length,
            int flags, long name, long nameLength) throws IOException {
        if (length <= calls.nowLimit() && !scratch.mapped()) {
            long result = calls.sendtoNow(scratch, fd, data, length, flags | Linux.MSG_DONTWAIT, name, nameLength);
            if (result >= 0 || scratch.parks || result != -EAGAIN) {
                return result;
            }
        }
        if (scratch.parks) {
            // MSG_DONTWAIT is in the flags: the call cannot block, and awaitReady sees interrupts.
            return calls.sendto(scratch, fd, data, length, flags, name, nameLength);
        }
        socket.enterBlocking();
        long result = -1;
        try {
            result = calls.sendto(scratch, fd, data, length, flags, name, nameLength);
        } finally {
            socket.leaveBlocking(result >= 0);
        }
        return result;
    }

    /**
     * One recv(2), as {@link #sendCall}; with a name, recvfrom(2).
     *
     * @param name              the address of room for the sender's {@code sockaddr_un}, or 0 for none
     * @param nameLengthAddress the scratch's {@link Scratch#LENGTH} (the room, set again before
     *                          the blocking call here), or 0
     * @param adapts            whether a blocking thread's receives adapt (see the class comment)
     * @return what the call returned: a count, or minus the errno
     */
    static long receiveCall(InterruptibleSocket socket, Scratch scratch, Syscalls calls, int fd, long data,
            int length, int flags, long name, long nameLengthAddress, boolean adapts) throws IOException {
        // A blocking thread's receive skips the first try while the socket's receives wait (see
        // the class comment): in request/response traffic it would only find nothing.
        boolean firstTry = scratch.parks || !adapts || !socket.receiveBlocksAtOnce;
        if (firstTry && length <= calls.nowLimit() && !scratch.mapped()) {
            long result = calls.recvfromNow(scratch, fd, data, length, flags | Linux.MSG_DONTWAIT, name,
                    nameLengthAddress);
            if (result >= 0 || scratch.parks || result != -EAGAIN) {
                if (adapts && !scratch.parks) {
                    adapt(socket, result, length);
                }
                return result;
            }
            if (name != 0) {
                scratch.structs.putInt(Scratch.LENGTH, Structs.SOCKADDR_UN_SIZE);
            }
            if (adapts) {
                socket.receivesWaited = true;
                socket.receiveBlocksAtOnce = true;
            }
        }
        if (scratch.parks) {
            return calls.recvfrom(scratch, fd, data, length, flags, name, nameLengthAddress);
        }
        socket.enterBlocking();
        long result = -1;
        try {
            result = calls.recvfrom(scratch, fd, data, length, flags, name, nameLengthAddress);
        } finally {
            socket.leaveBlocking(result >= 0);
        }
        if (adapts) {
            adapt(socket, result, length);
        }
        return result;
    }

    /**
     * After a blocking thread's receive on a socket whose receives have waited before: one that
     * left room in its buffer emptied the queue, so the next blocks at once; one that filled it
     * says more is queued, so the next tries first. Sockets that never waited (a thread that
     * sends to itself, data always queued) keep trying first whatever they receive.
     */
    private static void adapt(InterruptibleSocket socket, long received, int length) {
        if (socket.receivesWaited && received >= 0) {
            socket.receiveBlocksAtOnce = received < length;
        }
    }

    /**
     * The exception for a failed send; EMSGSIZE says the message's size and the socket's limit.
     *
     * @param socket the socket
     * @param call   the call, such as {@code "send"}
     * @param fd     its descriptor
     * @param length the message's size
     * @param errno  the error
     * @param calls  the backend's binding, to read {@code SO_SNDBUF}
     * @return {@link AsynchronousCloseException} if closed meanwhile, else the errno's exception
     */
    public static IOException sendFailure(InterruptibleSocket socket, String call, int fd, long length, int errno,
            Syscalls calls) {
        IOException closed = socket.descriptor().closedMeanwhile();
        if (closed != null) {
            return closed;
        }
        if (errno == Linux.EMSGSIZE) {
            long sendBuffer = calls.intOption(fd, Linux.SO_SNDBUF);
            return LinuxErrors.messageTooLarge(call, socket.label(), length,
                    sendBuffer < 0 ? "unknown" : Long.toString(sendBuffer));
        }
        return Errors.exception(call, socket.label(), errno);
    }

    /**
     * The exception for a failed call.
     *
     * @param socket the socket
     * @param call   the call
     * @param errno  the error
     * @return {@link AsynchronousCloseException} if closed meanwhile, else the errno's exception
     */
    public static IOException failure(InterruptibleSocket socket, String call, int errno) {
        IOException closed = socket.descriptor().closedMeanwhile();
        return closed != null ? closed : Errors.exception(call, socket.label(), errno);
    }

    /**
     * One recv(2) into {@code dst}, whose position advances by the bytes placed.
     *
     * @param socket  the socket
     * @param fd      its descriptor, held by the caller
     * @param dst     the room
     * @param flags   {@code MSG_PEEK} or 0
     * @param call    what errors name: {@code "receive"}, {@code "read"}, {@code "peek"}
     * @param scratch the thread's scratch
     * @param calls   the backend's binding
     * @return the bytes placed, or -1 at end of stream
     * @throws IllegalArgumentException  if {@code dst} is read-only, before any call
     * @throws MessageTruncatedException if a message was longer than the room, with its real length
     * @throws IOException               if the receive failed
     */
    public static int receive(InterruptibleSocket socket, int fd, ByteBuffer dst, int flags, String call,
            Scratch scratch, Syscalls calls) throws IOException {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("cannot " + call + " into a read-only buffer");
        }
        boolean stream = socket.type() == SocketType.STREAM;
        int room = dst.remaining();
        if (stream && room == 0) {
            return 0; // 0 from recv would read as end of stream
        }
        // MSG_TRUNC makes recv(2) return a message's real length even when it did not fit.
        int allFlags = (stream ? flags : flags | Linux.MSG_TRUNC) | (scratch.parks ? Linux.MSG_DONTWAIT : 0);
        Object wait = null;
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
                long received = receiveCall(socket, scratch, calls, fd, data, length, allFlags, 0, 0, true);
                Reference.reachabilityFence(dst);
                if (received < 0) {
                    int errno = (int) -received;
                    if (errno == EINTR && !socket.descriptor().isClosed()) {
                        continue;
                    }
                    if (errno != EAGAIN || !scratch.parks) {
                        throw failure(socket, call, errno);
                    }
                    if (!EndOfStream.dgramInputShutDown(socket, fd, calls)) {
                        wait = socket.awaitReady(wait, fd, InterruptibleSocket.WAIT_READ, call, socket.label());
                        continue;
                    }
                    received = 0;
                }
                if (received == 0) {
                    AsynchronousCloseException closed = socket.descriptor().closedMeanwhile();
                    if (closed != null) {
                        throw closed;
                    }
                    EndOfStream.Zero zero = EndOfStream.ofZero(socket, fd, scratch, calls);
                    if (zero == EndOfStream.Zero.END_OF_STREAM) {
                        return -1;
                    }
                    if (zero == EndOfStream.Zero.RECEIVE_AGAIN) {
                        continue;
                    }
                }
                int placed = (int) Math.min(received, length);
                if (copy != null) {
                    dst.put(dst.position(), copy, 0, placed);
                }
                dst.position(dst.position() + placed);
                if (received > room) {
                    throw new MessageTruncatedException(call + " " + socket.label(), placed, (int) received);
                }
                return placed;
            }
        } finally {
            if (wait != null) {
                socket.finishWait(wait);
            }
            scratch.releaseCopy();
        }
    }
}
