package dev.uds.backend.jnr;

import dev.uds.Capability;
import dev.uds.MessageTruncatedException;
import dev.uds.UnixAddress;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.linux.Datagrams;
import dev.uds.linux.Linux;
import dev.uds.linux.LinuxErrors;
import dev.uds.linux.Structs;
import dev.uds.linux.Transfer;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * Addressed datagrams: {@code sendto(2)} and {@code recvfrom(2)} with an address, and
 * {@code connect(2)} with {@code AF_UNSPEC}. The address lives in the thread's {@link JnrScratch},
 * written and read through its {@link dev.uds.linux.RecentAddresses}; data moves as in
 * {@link Transfer}.
 *
 * <p>The calls are made as {@code sendmsg(2)} and {@code recvmsg(2)} with {@code msg_name}, which
 * do the same in the kernel: {@code sendto} and {@code recvfrom} bound through jnr-ffi (six
 * arguments) failed here with EINVAL and crashed the JVM inside the call, where the
 * {@code msghdr} calls, already bound for ancillary data, work.
 */
final class JnrDatagrams {
    private JnrDatagrams() {
    }

    /** {@code UnixSocket.sendTo}: checks the capability and the target, holds the descriptor, sends. */
    static int sendTo(JnrUnixSocket socket, ByteBuffer src, UnixAddress target) throws IOException {
        JnrProvider.require(Capability.ADDRESSED_DATAGRAMS);
        JnrUnixSocket.requireFor(target, null);
        Datagrams.checkSend(socket.type(), target, socket.label());
        int fd = socket.beginIo();
        try {
            return sendTo(socket, fd, src, target);
        } finally {
            socket.descriptor().end();
        }
    }

    /** {@code UnixSocket.receiveFrom}: checks the capability and the type, holds the descriptor, receives. */
    static UnixAddress receiveFrom(JnrUnixSocket socket, ByteBuffer dst) throws IOException {
        JnrProvider.require(Capability.ADDRESSED_DATAGRAMS);
        Datagrams.checkType(socket.type(), Datagrams.RECVFROM, socket.label());
        int fd = socket.beginIo();
        try {
            return receiveFrom(socket, fd, dst);
        } finally {
            socket.descriptor().end();
        }
    }

    /** One datagram to {@code target}; the caller holds {@code fd} and has checked the target. */
    static int sendTo(JnrUnixSocket socket, int fd, ByteBuffer src, UnixAddress target) throws IOException {
        JnrScratch scratch = JnrScratch.get();
        int nameLength = scratch.recentAddresses().encode(target, scratch.structs, scratch.sockaddrOffset());
        int length = src.remaining();
        long address;
        if (src.isDirect()) {
            address = JnrScratch.address(src) + src.position();
        } else {
            scratch.data(length).put(0, src, src.position(), length);
            address = scratch.dataAddress();
        }
        writeHeader(scratch, address, length, 0);
        scratch.structs.putLong(scratch.msghdrOffset() + Structs.MSG_NAME, scratch.sockaddr());
        scratch.structs.putInt(scratch.msghdrOffset() + Structs.MSG_NAMELEN, nameLength);
        long sent;
        do {
            socket.enterBlocking();
            sent = -1;
            try {
                sent = JnrLibc.C.sendmsg(fd, scratch.msghdr(), Linux.MSG_NOSIGNAL);
            } finally {
                socket.leaveBlocking(sent >= 0);
            }
        } while (sent < 0 && socket.retry(JnrLibc.errno()));
        Reference.reachabilityFence(src);
        if (sent < 0) {
            int errno = JnrLibc.errno();
            socket.throwIfClosedMeanwhile();
            if (errno == Linux.EMSGSIZE) {
                throw LinuxErrors.messageTooLarge(Datagrams.SENDTO, target, length,
                        JnrOptions.sendBufferSizeOrUnknown(fd));
            }
            throw Datagrams.sendFailure(target, errno);
        }
        src.position(src.position() + (int) sent);
        return (int) sent;
    }

    /**
     * One datagram and its sender; the caller holds {@code fd}.
     *
     * @return the sender, or null at end of stream (the reading side shut down)
     * @throws MessageTruncatedException with the real length and the sender, if it did not fit
     */
    static UnixAddress receiveFrom(JnrUnixSocket socket, int fd, ByteBuffer dst) throws IOException {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("cannot receive into a read-only buffer");
        }
        JnrScratch scratch = JnrScratch.get();
        int room = dst.remaining();
        long address;
        if (dst.isDirect()) {
            address = JnrScratch.address(dst) + dst.position();
        } else {
            scratch.data(room);
            address = scratch.dataAddress();
        }
        writeHeader(scratch, address, room, 0);
        scratch.structs.putLong(scratch.msghdrOffset() + Structs.MSG_NAME, scratch.sockaddr());
        long received;
        do {
            scratch.structs.putInt(scratch.msghdrOffset() + Structs.MSG_NAMELEN, Structs.SOCKADDR_UN_SIZE);
            socket.enterBlocking();
            received = -1;
            try {
                // MSG_TRUNC: the datagram's real length even when it did not fit.
                received = JnrLibc.C.recvmsg(fd, scratch.msghdr(), Linux.MSG_TRUNC);
            } finally {
                socket.leaveBlocking(received >= 0);
            }
        } while (received < 0 && socket.retry(JnrLibc.errno()));
        Reference.reachabilityFence(dst);
        if (received < 0) {
            throw socket.failure(Datagrams.RECVFROM, JnrLibc.errno());
        }
        if (received == 0 && socket.inputEnded(fd)) {
            socket.throwIfClosedMeanwhile();
            return null;
        }
        int placed = (int) Math.min(received, room);
        if (!dst.isDirect()) {
            dst.put(dst.position(), scratch.data(0), 0, placed);
        }
        dst.position(dst.position() + placed);
        UnixAddress sender = scratch.recentAddresses().decode(scratch.structs, scratch.sockaddrOffset(),
                scratch.structs.getInt(scratch.msghdrOffset() + Structs.MSG_NAMELEN));
        if (received > room) {
            throw new MessageTruncatedException(Datagrams.RECVFROM + " " + socket.label() + " from " + sender, placed,
                    (int) received, sender);
        }
        return sender;
    }

    /** connect(2) with AF_UNSPEC: the association dissolved; the caller holds {@code fd}. */
    static void disconnect(JnrUnixSocket socket, int fd) throws IOException {
        JnrScratch scratch = JnrScratch.get();
        int length = Datagrams.encodeUnspecified(scratch.structs, scratch.sockaddrOffset());
        if (JnrLibc.C.connect(fd, scratch.sockaddr(), length) < 0) {
            throw socket.failure(Datagrams.DISCONNECT, JnrLibc.errno());
        }
    }

    /** The {@code msghdr} with one {@code iovec}, no name, and the scratch control buffer. */
    private static void writeHeader(JnrScratch scratch, long data, int length, int controlLength) {
        ByteBuffer s = scratch.structs;
        int iov = scratch.iovecOffset();
        s.putLong(iov, data);
        s.putLong(iov + 8, length);
        int m = scratch.msghdrOffset();
        s.putLong(m + Structs.MSG_NAME, 0);
        s.putInt(m + Structs.MSG_NAMELEN, 0);
        s.putLong(m + Structs.MSG_IOV, scratch.iovec());
        s.putLong(m + Structs.MSG_IOVLEN, 1);
        s.putLong(m + Structs.MSG_CONTROL, controlLength == 0 ? 0 : scratch.control());
        s.putLong(m + Structs.MSG_CONTROLLEN, controlLength);
        s.putInt(m + Structs.MSG_FLAGS, 0);
    }
}
