package dev.uds.backend.ffm;

import static dev.uds.linux.Linux.EAGAIN;
import static dev.uds.linux.Linux.EINTR;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.uds.MessageTruncatedException;
import dev.uds.UnixAddress;
import dev.uds.linux.Datagrams;
import dev.uds.linux.Linux;
import dev.uds.linux.LinuxErrors;
import dev.uds.linux.Structs;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Addressed datagrams: {@code sendto(2)} and {@code recvfrom(2)} with an address, a path of their
 * own beside the hot path ({@link FfmTransfer}) and made the same way: a direct buffer handed to
 * the kernel where it is, a heap buffer through the thread's copy buffer, a critical first try
 * with {@code MSG_DONTWAIT}, and virtual threads parked on EAGAIN. The address lives in the
 * thread's scratch, written and read through its {@link dev.uds.linux.RecentAddresses}, so a call
 * allocates nothing once its peers are known.
 *
 * <p>A virtual thread whose {@code sendto} finds the receiver's queue full retries after pauses
 * ({@link FfmWait#RETRY}): the kernel signals no readiness on the sending socket when a socket it
 * is not connected to drains its queue, so no event would ever wake it.
 */
final class FfmDatagrams {
    private FfmDatagrams() {
    }

    /** {@code UnixSocket.sendTo}: checks the target, holds the descriptor, sends. */
    static int sendTo(FfmUnixSocket socket, ByteBuffer src, UnixAddress target) throws IOException {
        Datagrams.checkSend(socket.type(), target, socket.label());
        boolean virtual = Thread.currentThread().isVirtual();
        int fd = socket.beginIo(virtual);
        try {
            return sendTo(socket, fd, src, target);
        } finally {
            socket.descriptor().end(virtual);
        }
    }

    /** {@code UnixSocket.receiveFrom}: checks the type, holds the descriptor, receives. */
    static UnixAddress receiveFrom(FfmUnixSocket socket, ByteBuffer dst) throws IOException {
        Datagrams.checkType(socket.type(), Datagrams.RECVFROM, socket.label());
        boolean virtual = Thread.currentThread().isVirtual();
        int fd = socket.beginIo(virtual);
        try {
            return receiveFrom(socket, fd, dst);
        } finally {
            socket.descriptor().end(virtual);
        }
    }

    /** One datagram to {@code target}; the caller holds {@code fd} and has checked the target. */
    static int sendTo(FfmUnixSocket socket, int fd, ByteBuffer src, UnixAddress target) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        int nameLength = scratch.recentAddresses().encode(target, scratch.sockaddrBuffer, 0);
        int length = src.remaining();
        int position = src.position();
        int flags = Linux.MSG_NOSIGNAL | (scratch.parks ? Linux.MSG_DONTWAIT : 0);
        FfmWait wait = null;
        try {
            while (true) {
                long data;
                if (src.isDirect()) {
                    data = scratch.addressOf(src);
                } else {
                    // Copied at each try: a virtual thread gives its copy buffer back while parked.
                    ByteBuffer copy = scratch.copyBuffer(length);
                    copy.put(0, src, position, length);
                    data = scratch.addressOfCopy(copy);
                }
                long sent = call(socket, true, scratch, fd, data, length, flags, nameLength);
                FfmUnixSocket.keepAlive(src);
                if (sent >= 0) {
                    src.position(position + (int) sent);
                    return (int) sent;
                }
                int errno = scratch.errno();
                if (errno == EINTR && !socket.descriptor().isClosed()) {
                    continue;
                }
                if (errno == EAGAIN && scratch.parks) {
                    wait = FfmWait.after(wait, socket, fd, FfmWait.RETRY, Linux.SO_SNDTIMEO, Datagrams.SENDTO, target);
                    continue;
                }
                throw sendFailure(socket, fd, target, length, errno);
            }
        } finally {
            FfmWait.finish(wait);
            scratch.releaseCopy();
        }
    }

    private static IOException sendFailure(FfmUnixSocket socket, int fd, UnixAddress target, int length, int errno) {
        IOException closed = socket.descriptor().closedMeanwhile();
        if (closed != null) {
            return closed;
        }
        if (errno == Linux.EMSGSIZE) {
            return LinuxErrors.messageTooLarge(Datagrams.SENDTO, target, length, FfmOptions.sendBufferOrUnknown(fd));
        }
        return Datagrams.sendFailure(target, errno);
    }

    /**
     * One datagram and its sender; the caller holds {@code fd}.
     *
     * @return the sender, or null at end of stream (the reading side shut down)
     * @throws MessageTruncatedException with the real length and the sender, if it did not fit
     */
    static UnixAddress receiveFrom(FfmUnixSocket socket, int fd, ByteBuffer dst) throws IOException {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("cannot receive into a read-only buffer");
        }
        FfmScratch scratch = FfmScratch.current();
        int room = dst.remaining();
        // MSG_TRUNC makes recvfrom(2) return the datagram's real length even when it did not fit.
        int flags = Linux.MSG_TRUNC | (scratch.parks ? Linux.MSG_DONTWAIT : 0);
        FfmWait wait = null;
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
                scratch.length.set(JAVA_INT, 0, Structs.SOCKADDR_UN_SIZE);
                long received = call(socket, false, scratch, fd, data, room, flags, 0);
                FfmUnixSocket.keepAlive(dst);
                if (received < 0) {
                    int errno = scratch.errno();
                    if (errno == EINTR && !socket.descriptor().isClosed()) {
                        continue;
                    }
                    if (errno != EAGAIN || !scratch.parks) {
                        throw socket.failure(Datagrams.RECVFROM, errno);
                    }
                    if (!socket.dgramInputShutDown(fd)) {
                        wait = FfmWait.after(wait, socket, fd, FfmWait.READ, Linux.SO_RCVTIMEO, Datagrams.RECVFROM,
                                socket.label());
                        continue;
                    }
                    return null;
                }
                if (received == 0) {
                    IOException closed = socket.descriptor().closedMeanwhile();
                    if (closed != null) {
                        throw closed;
                    }
                    if (socket.endOfStream(fd)) {
                        return null;
                    }
                }
                int placed = (int) Math.min(received, room);
                if (copy != null) {
                    dst.put(dst.position(), copy, 0, placed);
                }
                dst.position(dst.position() + placed);
                UnixAddress sender = scratch.recentAddresses().decode(scratch.sockaddrBuffer, 0,
                        scratch.length.get(JAVA_INT, 0));
                if (received > room) {
                    throw new MessageTruncatedException(Datagrams.RECVFROM + " " + socket.label() + " from " + sender,
                            placed, (int) received, sender);
                }
                return sender;
            }
        } finally {
            FfmWait.finish(wait);
            scratch.releaseCopy();
        }
    }

    /**
     * One sendto(2) or recvfrom(2) with the scratch's address, the fastest way it can be made, as
     * {@link FfmTransfer} makes send and recv: a critical try that cannot block first, then, for
     * a platform thread that got EAGAIN, the blocking call, interruptible.
     *
     * @param nameLength for a send, the address's length; for a receive, unused (the scratch's
     *                   length holds the room, and the kernel writes the sender's length there)
     * @return what the call returned; errno is in the scratch
     */
    private static long call(FfmUnixSocket socket, boolean send, FfmScratch scratch, int fd, long data, int length,
            int flags, int nameLength) throws IOException {
        long name = scratch.sockaddrAddress;
        long nameArgument = send ? nameLength : scratch.lengthAddress;
        if (length <= Libc.NOW_LIMIT && !scratch.mapped()) {
            int now = flags | Linux.MSG_DONTWAIT;
            long result = send ? Libc.sendToNow(scratch.errno, fd, data, length, now, name, nameArgument)
                    : Libc.recvFromNow(scratch.errno, fd, data, length, now, name, nameArgument);
            if (result >= 0 || scratch.parks || scratch.errno() != EAGAIN) {
                return result;
            }
            if (!send) {
                scratch.length.set(JAVA_INT, 0, Structs.SOCKADDR_UN_SIZE);
            }
        }
        if (scratch.parks) {
            return send ? Libc.sendTo(scratch.errno, fd, data, length, flags, name, nameArgument)
                    : Libc.recvFrom(scratch.errno, fd, data, length, flags, name, nameArgument);
        }
        socket.enterBlocking();
        long result = -1;
        try {
            result = send ? Libc.sendTo(scratch.errno, fd, data, length, flags, name, nameArgument)
                    : Libc.recvFrom(scratch.errno, fd, data, length, flags, name, nameArgument);
        } finally {
            socket.leaveBlocking(result >= 0);
        }
        return result;
    }

    /** connect(2) with AF_UNSPEC: the association dissolved; the caller holds {@code fd}. */
    static void disconnect(FfmUnixSocket socket, int fd) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        int length = Datagrams.encodeUnspecified(scratch.sockaddrBuffer, 0);
        if (Libc.connect(scratch.errno, fd, scratch.sockaddr, length) < 0) {
            throw socket.failure(Datagrams.DISCONNECT, scratch.errno());
        }
    }
}
