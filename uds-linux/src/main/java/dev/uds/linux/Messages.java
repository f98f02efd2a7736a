package dev.uds.linux;

import static dev.uds.linux.Linux.EAGAIN;
import static dev.uds.linux.Linux.EINTR;

import dev.uds.Ancillary;
import dev.uds.ReceivedDescriptor;
import dev.uds.ReceivedMessage;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Messages with ancillary data, through {@code sendmsg(2)} and {@code recvmsg(2)}, on every
 * native backend: descriptors ({@code SCM_RIGHTS}) and credentials ({@code SCM_CREDENTIALS}),
 * written and read by {@link ControlMessages} in the thread's control buffer
 * ({@link Scratch#CONTROL}). Threads block or park as in {@link Transfer}.
 *
 * <p>Received descriptors are owned at once ({@link ControlMessages#read}): those beyond the
 * allowance, those of a receive an interrupt or a close ended, are closed, never leaked.
 */
public final class Messages {
    private Messages() {
    }

    /**
     * The check before a send with ancillary data, before the descriptor is held.
     *
     * @param src the bytes
     * @throws IllegalArgumentException if there are none: ancillary data travels with data
     */
    public static void checkSend(ByteBuffer src) {
        if (!src.hasRemaining()) {
            throw new IllegalArgumentException("ancillary data needs at least one byte of data to travel with (unix(7))");
        }
    }

    /**
     * Sends {@code src} with {@code ancillary}: one message (DGRAM, SEQPACKET), or for STREAM the
     * ancillary data with the first bytes and the rest as plain data.
     *
     * @param socket    the socket
     * @param fd        its descriptor, held by the caller
     * @param src       the bytes, at least one ({@link #checkSend})
     * @param ancillary what travels with them, not empty
     * @param scratch   the thread's scratch
     * @param calls     the backend's binding
     * @return the bytes sent
     * @throws IllegalArgumentException if a descriptor is of another backend
     * @throws IOException              if the send failed
     */
    public static int send(InterruptibleSocket socket, int fd, ByteBuffer src, Ancillary ancillary, Scratch scratch,
            Syscalls calls) throws IOException {
        int position = src.position();
        boolean stream = socket.type() == SocketType.STREAM;
        try (PassedDescriptors passed = PassedDescriptors.open(ancillary.descriptorList(), socket.backend(), calls)) {
            long used = ControlMessages.write(scratch.structs, Scratch.CONTROL, passed.numbers(),
                    ancillary.statedCredentials().orElse(null));
            int length = stream && !src.isDirect() ? Math.min(src.remaining(), scratch.streamChunk()) : src.remaining();
            int flags = Linux.MSG_NOSIGNAL | (scratch.parks ? Linux.MSG_DONTWAIT : 0);
            Object wait = null;
            try {
                while (true) {
                    long data = scratch.addressOfData(src, length);
                    long msghdr = prepare(scratch, data, length, used, false);
                    long sent = call(socket, true, scratch, calls, fd, msghdr, flags);
                    Reference.reachabilityFence(src);
                    if (sent >= 0) {
                        src.position(position + (int) sent);
                        break;
                    }
                    int errno = (int) -sent;
                    if (errno == EINTR && !socket.descriptor().isClosed()) {
                        continue;
                    }
                    if (errno == EAGAIN && scratch.parks) {
                        wait = socket.awaitReady(wait, fd, InterruptibleSocket.WAIT_WRITE, "sendmsg", socket.label());
                        continue;
                    }
                    throw Transfer.sendFailure(socket, "sendmsg", fd, length, errno, calls);
                }
            } finally {
                if (wait != null) {
                    socket.finishWait(wait);
                }
                scratch.releaseCopy();
            }
        }
        if (stream && src.hasRemaining()) {
            // The ancillary data went with the first bytes; the rest is plain data.
            Transfer.send(socket, fd, src, scratch, calls);
        }
        return src.position() - position;
    }

    /**
     * Receives one message (or STREAM bytes) with up to {@code maxDescriptors} descriptors and,
     * when {@code SO_PASSCRED} is on, the sender's credentials. Descriptors beyond the allowance
     * (the kernel may fit more than asked, as {@code CMSG_SPACE} rounds up) are closed and
     * reported as truncation, like those the kernel itself dropped ({@code MSG_CTRUNC}).
     *
     * @param socket         the socket
     * @param fd             its descriptor, held by the caller
     * @param dst            the room
     * @param maxDescriptors the most descriptors to take
     * @param scratch        the thread's scratch
     * @param calls          the backend's binding
     * @param wrap           makes the backend's received descriptor of a number
     * @return what came
     * @throws IllegalArgumentException if {@code dst} is read-only or {@code maxDescriptors} negative
     * @throws IOException              if the receive failed
     */
    public static ReceivedMessage receive(InterruptibleSocket socket, int fd, ByteBuffer dst, int maxDescriptors,
            Scratch scratch, Syscalls calls, IntFunction<ReceivedDescriptor> wrap) throws IOException {
        if (maxDescriptors < 0) {
            throw new IllegalArgumentException("maxDescriptors must not be negative: " + maxDescriptors);
        }
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("cannot receive into a read-only buffer");
        }
        int allowed = Math.min(maxDescriptors, Ancillary.MAX_DESCRIPTORS);
        boolean stream = socket.type() == SocketType.STREAM;
        int room = dst.remaining();
        if (stream && room == 0) {
            return new ReceivedMessage(0, 0, List.of(), false, null);
        }
        // Room for the allowed descriptors, and for credentials in case SO_PASSCRED is on.
        long controlLength = ControlMessages.receiveSpace(allowed);
        int flags = Linux.MSG_CMSG_CLOEXEC | (stream ? 0 : Linux.MSG_TRUNC) | (scratch.parks ? Linux.MSG_DONTWAIT : 0);
        ByteBuffer structs = scratch.structs;
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
                    length = stream ? Math.min(room, scratch.streamChunk()) : room;
                    copy = scratch.copyBuffer(length);
                    data = scratch.addressOfCopy(copy);
                }
                // The sender's address, for ReceivedMessage.sender(), in the scratch's sockaddr.
                long msghdr = prepare(scratch, data, length, controlLength, true);
                long received = call(socket, false, scratch, calls, fd, msghdr, flags);
                Reference.reachabilityFence(dst);
                if (received < 0) {
                    int errno = (int) -received;
                    if (errno == EINTR && !socket.descriptor().isClosed()) {
                        continue;
                    }
                    if (errno != EAGAIN || !scratch.parks) {
                        throw Transfer.failure(socket, "recvmsg", errno);
                    }
                    if (!EndOfStream.dgramInputShutDown(socket, fd, calls)) {
                        wait = socket.awaitReady(wait, fd, InterruptibleSocket.WAIT_READ, "recvmsg", socket.label());
                        continue;
                    }
                    // Read as the blocking call's 0: nothing came, no control message, no sender.
                    structs.putLong(Scratch.MSGHDR + Structs.MSG_CONTROLLEN, 0);
                    structs.putInt(Scratch.MSGHDR + Structs.MSG_FLAGS, 0);
                    structs.putInt(Scratch.MSGHDR + Structs.MSG_NAMELEN, 0);
                    received = 0;
                }
                ReceivedMessage message = received(socket, fd, dst, allowed, scratch, calls, wrap, received, length,
                        copy);
                if (message != null) {
                    return message;
                }
                // EndOfStream.Zero.RECEIVE_AGAIN: a message is queued after all
            }
        } finally {
            if (wait != null) {
                socket.finishWait(wait);
            }
            scratch.releaseCopy();
        }
    }

    /**
     * What a recvmsg(2) that returned {@code received} brought: data placed, descriptors owned;
     * null if it brought nothing and is to be made again ({@link EndOfStream#ofZero}).
     */
    private static ReceivedMessage received(InterruptibleSocket socket, int fd, ByteBuffer dst, int allowed,
            Scratch scratch, Syscalls calls, IntFunction<ReceivedDescriptor> wrap, long received, int length,
            ByteBuffer copy) throws IOException {
        ByteBuffer structs = scratch.structs;
        boolean stream = socket.type() == SocketType.STREAM;
        int messageFlags = structs.getInt(Scratch.MSGHDR + Structs.MSG_FLAGS);
        ControlMessages.Received parsed = ControlMessages.read(structs, Scratch.CONTROL,
                (int) structs.getLong(Scratch.MSGHDR + Structs.MSG_CONTROLLEN), allowed, wrap, calls);
        List<ReceivedDescriptor> kept = parsed.descriptors();
        UnixAddress sender = scratch.recentAddresses().decode(structs, Scratch.SOCKADDR,
                structs.getInt(Scratch.MSGHDR + Structs.MSG_NAMELEN));
        boolean descriptorsTruncated = (messageFlags & Linux.MSG_CTRUNC) != 0 || parsed.dropped();
        if (received == 0) {
            AsynchronousCloseException closed = socket.descriptor().closedMeanwhile();
            if (closed != null) {
                parsed.close(closed);
                throw closed;
            }
            EndOfStream.Zero zero = EndOfStream.ofZero(socket, fd, scratch, calls);
            boolean noControl = structs.getLong(Scratch.MSGHDR + Structs.MSG_CONTROLLEN) == 0;
            if (zero == EndOfStream.Zero.RECEIVE_AGAIN && noControl) {
                return null; // nothing came, no control message either
            }
            if (zero != EndOfStream.Zero.EMPTY_MESSAGE) {
                return new ReceivedMessage(-1, -1, kept, descriptorsTruncated, parsed.credentials(), sender,
                        parsed.securityLabel(), parsed.senderProcess());
            }
        }
        int placed = (int) Math.min(received, length);
        if (copy != null) {
            dst.put(dst.position(), copy, 0, placed);
        }
        dst.position(dst.position() + placed);
        return new ReceivedMessage(placed, stream ? placed : (int) received, kept, descriptorsTruncated,
                parsed.credentials(), sender, parsed.securityLabel(), parsed.senderProcess());
    }

    /**
     * sendmsg(2) or recvmsg(2); a blocking thread's call is interruptible. The descriptors that
     * came with a receive an interrupt ended are closed.
     */
    private static long call(InterruptibleSocket socket, boolean send, Scratch scratch, Syscalls calls, int fd,
            long msghdr, int flags) throws IOException {
        if (scratch.parks) {
            return send ? calls.sendmsg(scratch, fd, msghdr, flags) : calls.recvmsg(scratch, fd, msghdr, flags);
        }
        socket.enterBlocking();
        long result = -1;
        try {
            result = send ? calls.sendmsg(scratch, fd, msghdr, flags) : calls.recvmsg(scratch, fd, msghdr, flags);
        } finally {
            try {
                socket.leaveBlocking(result >= 0);
            } catch (IOException interrupted) {
                if (result >= 0 && !send) {
                    // Received, then interrupted: the descriptors that came are closed, not leaked.
                    ControlMessages.discard(scratch.structs, Scratch.CONTROL,
                            (int) scratch.structs.getLong(Scratch.MSGHDR + Structs.MSG_CONTROLLEN), calls);
                }
                throw interrupted;
            }
        }
        return result;
    }

    /**
     * Fills the thread's msghdr and iovec for one buffer and {@code controlLength} bytes of
     * control, with the scratch's sockaddr as the name if {@code named}.
     *
     * @return the msghdr's address
     */
    private static long prepare(Scratch scratch, long data, long length, long controlLength, boolean named) {
        ByteBuffer structs = scratch.structs;
        long base = scratch.structsAddress;
        structs.putLong(Scratch.IOVEC + Structs.IOV_BASE, data);
        structs.putLong(Scratch.IOVEC + Structs.IOV_LEN, length);
        structs.putLong(Scratch.MSGHDR + Structs.MSG_NAME, named ? base + Scratch.SOCKADDR : 0);
        structs.putInt(Scratch.MSGHDR + Structs.MSG_NAMELEN, named ? Structs.SOCKADDR_UN_SIZE : 0);
        structs.putLong(Scratch.MSGHDR + Structs.MSG_IOV, base + Scratch.IOVEC);
        structs.putLong(Scratch.MSGHDR + Structs.MSG_IOVLEN, 1);
        structs.putLong(Scratch.MSGHDR + Structs.MSG_CONTROL, controlLength == 0 ? 0 : base + Scratch.CONTROL);
        structs.putLong(Scratch.MSGHDR + Structs.MSG_CONTROLLEN, controlLength);
        structs.putInt(Scratch.MSGHDR + Structs.MSG_FLAGS, 0);
        return base + Scratch.MSGHDR;
    }
}
