package dev.uds.linux;

import static dev.uds.linux.Linux.EAGAIN;
import static dev.uds.linux.Linux.EINTR;

import dev.uds.MessageTruncatedException;
import dev.uds.UnixAddress;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;

/**
 * The flows of addressed datagrams on every native backend: {@code sendto(2)} and
 * {@code recvfrom(2)} with an address, made as {@link Transfer} makes send and recv (a direct
 * buffer handed to the kernel where it is, a heap buffer through the thread's copy buffer, a
 * first try where the binding has one, parking threads parked on EAGAIN), and {@code connect(2)}
 * with {@code AF_UNSPEC}. The rules and the wording are {@link Datagrams}'. The address lives in
 * the thread's scratch ({@link Scratch#SOCKADDR}), written and read through its
 * {@link RecentAddresses}, so a call allocates nothing once its peers are known.
 *
 * <p>A parking thread whose {@code sendto} finds the receiver's queue full retries after pauses
 * ({@link InterruptibleSocket#WAIT_RETRY}): the kernel signals no readiness on the sending socket
 * when a socket it is not connected to drains its queue, so no event would ever wake it.
 */
public final class AddressedDatagrams {
    private AddressedDatagrams() {
    }

    /**
     * One datagram to {@code target}; the caller holds {@code fd} and has checked the target
     * ({@link Datagrams#checkSend}).
     *
     * @param socket  the socket
     * @param fd      its descriptor
     * @param src     the datagram; its position advances
     * @param target  where it goes
     * @param scratch the thread's scratch
     * @param calls   the backend's binding
     * @return the bytes sent
     * @throws IOException if the send failed, naming the target
     */
    public static int sendTo(InterruptibleSocket socket, int fd, ByteBuffer src, UnixAddress target, Scratch scratch,
            Syscalls calls) throws IOException {
        int nameLength = scratch.recentAddresses().encode(target, scratch.structs, Scratch.SOCKADDR);
        long name = scratch.structsAddress + Scratch.SOCKADDR;
        int length = src.remaining();
        int position = src.position();
        int flags = Linux.MSG_NOSIGNAL | (scratch.parks ? Linux.MSG_DONTWAIT : 0);
        Object wait = null;
        try {
            while (true) {
                long data = scratch.addressOfData(src, length);
                long sent = Transfer.sendCall(socket, scratch, calls, fd, data, length, flags, name, nameLength);
                Reference.reachabilityFence(src);
                if (sent >= 0) {
                    src.position(position + (int) sent);
                    return (int) sent;
                }
                int errno = (int) -sent;
                if (errno == EINTR && !socket.descriptor().isClosed()) {
                    continue;
                }
                if (errno == EAGAIN && scratch.parks) {
                    wait = socket.awaitReady(wait, fd, InterruptibleSocket.WAIT_RETRY, Datagrams.SENDTO, target);
                    continue;
                }
                throw sendFailure(socket, fd, target, length, errno, calls);
            }
        } finally {
            if (wait != null) {
                socket.finishWait(wait);
            }
            scratch.releaseCopy();
        }
    }

    private static IOException sendFailure(InterruptibleSocket socket, int fd, UnixAddress target, int length,
            int errno, Syscalls calls) {
        IOException closed = socket.descriptor().closedMeanwhile();
        if (closed != null) {
            return closed;
        }
        if (errno == Linux.EMSGSIZE) {
            long sendBuffer = calls.intOption(fd, Linux.SO_SNDBUF);
            return LinuxErrors.messageTooLarge(Datagrams.SENDTO, target, length,
                    sendBuffer < 0 ? "unknown" : Long.toString(sendBuffer));
        }
        return Datagrams.sendFailure(target, errno);
    }

    /**
     * One datagram and its sender; the caller holds {@code fd} and has checked the type.
     *
     * @param socket  the socket
     * @param fd      its descriptor
     * @param dst     the room; its position advances by the bytes placed
     * @param scratch the thread's scratch
     * @param calls   the backend's binding
     * @return the sender, or null at end of stream (the reading side shut down)
     * @throws IllegalArgumentException  if {@code dst} is read-only, before any call
     * @throws MessageTruncatedException with the real length and the sender, if it did not fit
     * @throws IOException               if the receive failed
     */
    public static UnixAddress receiveFrom(InterruptibleSocket socket, int fd, ByteBuffer dst, Scratch scratch,
            Syscalls calls) throws IOException {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("cannot receive into a read-only buffer");
        }
        int room = dst.remaining();
        long name = scratch.structsAddress + Scratch.SOCKADDR;
        long nameLength = scratch.structsAddress + Scratch.LENGTH;
        // MSG_TRUNC makes recvfrom(2) return the datagram's real length even when it did not fit.
        int flags = Linux.MSG_TRUNC | (scratch.parks ? Linux.MSG_DONTWAIT : 0);
        Object wait = null;
        try {
            while (true) {
                ByteBuffer copy = null;
                long data;
                if (dst.isDirect()) {
                    data = scratch.addressOf(dst);
                } else {
                    copy = scratch.copyBuffer(room);
                    data = scratch.addressOfCopy(copy);
                }
                scratch.structs.putInt(Scratch.LENGTH, Structs.SOCKADDR_UN_SIZE);
                long received = Transfer.receiveCall(socket, scratch, calls, fd, data, room, flags, name, nameLength,
                        false);
                Reference.reachabilityFence(dst);
                if (received < 0) {
                    int errno = (int) -received;
                    if (errno == EINTR && !socket.descriptor().isClosed()) {
                        continue;
                    }
                    if (errno != EAGAIN || !scratch.parks) {
                        throw Transfer.failure(socket, Datagrams.RECVFROM, errno);
                    }
                    if (!EndOfStream.dgramInputShutDown(socket, fd, calls)) {
                        wait = socket.awaitReady(wait, fd, InterruptibleSocket.WAIT_READ, Datagrams.RECVFROM,
                                socket.label());
                        continue;
                    }
                    return null;
                }
                if (received == 0) {
                    AsynchronousCloseException closed = socket.descriptor().closedMeanwhile();
                    if (closed != null) {
                        throw closed;
                    }
                    EndOfStream.Zero zero = EndOfStream.ofZero(socket, fd, scratch, calls);
                    if (zero == EndOfStream.Zero.END_OF_STREAM) {
                        return null;
                    }
                    if (zero == EndOfStream.Zero.RECEIVE_AGAIN) {
                        continue;
                    }
                }
                int placed = (int) Math.min(received, room);
                if (copy != null) {
                    dst.put(dst.position(), copy, 0, placed);
                }
                dst.position(dst.position() + placed);
                UnixAddress sender = scratch.recentAddresses().decode(scratch.structs, Scratch.SOCKADDR,
                        scratch.structs.getInt(Scratch.LENGTH));
                if (received > room) {
                    throw new MessageTruncatedException(Datagrams.RECVFROM + " " + socket.label() + " from " + sender,
                            placed, (int) received, sender);
                }
                return sender;
            }
        } finally {
            if (wait != null) {
                socket.finishWait(wait);
            }
            scratch.releaseCopy();
        }
    }

    /**
     * {@code connect(2)} with {@code AF_UNSPEC}: the association dissolved; the caller holds
     * {@code fd} and has checked the type.
     *
     * @param socket  the socket
     * @param fd      its descriptor
     * @param scratch the thread's scratch
     * @param calls   the backend's binding
     * @throws IOException if the call failed
     */
    public static void disconnect(InterruptibleSocket socket, int fd, Scratch scratch, Syscalls calls)
            throws IOException {
        int length = Datagrams.encodeUnspecified(scratch.structs, Scratch.SOCKADDR);
        int result = calls.connect(scratch, fd, scratch.structsAddress + Scratch.SOCKADDR, length);
        if (result < 0) {
            throw Transfer.failure(socket, Datagrams.DISCONNECT, -result);
        }
    }
}
