package dev.uds.backend.jnr;

import dev.uds.Ancillary;
import dev.uds.ReceivedMessage;
import dev.uds.UnixAddress;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.linux.ControlMessages;
import dev.uds.linux.Linux;
import dev.uds.linux.Structs;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.util.List;

/**
 * {@code sendmsg(2)} and {@code recvmsg(2)} with ancillary data: descriptors
 * ({@code SCM_RIGHTS}) and credentials ({@code SCM_CREDENTIALS}), written and read by the core's
 * {@link ControlMessages} in the thread's {@link JnrScratch}. jnr-unixsocket has neither call.
 */
final class JnrMessages {
    private JnrMessages() {
    }

    static int send(JnrUnixSocket socket, ByteBuffer src, Ancillary ancillary) throws IOException {
        if (ancillary.isEmpty()) {
            return socket.send(src);
        }
        if (!src.hasRemaining()) {
            throw new IllegalArgumentException("ancillary data needs at least one byte of data to travel with (unix(7))");
        }
        int sent;
        int fd = socket.beginIo();
        try (JnrPassedDescriptors passed = JnrPassedDescriptors.open(ancillary.descriptorList())) {
            boolean stream = !socket.type().keepsMessageBoundaries();
            int length = stream ? Math.min(src.remaining(), JnrScratch.STREAM_CHUNK) : src.remaining();
            JnrScratch scratch = JnrScratch.get();
            int controlLength = ControlMessages.write(scratch.structs, scratch.controlOffset(), passed.numbers(),
                    ancillary.statedCredentials().orElse(null));
            long address = dataAddress(scratch, src, length);
            writeHeader(scratch, address, length, controlLength);
            long n;
            do {
                socket.enterBlocking();
                n = -1;
                try {
                    n = JnrLibc.C.sendmsg(fd, scratch.msghdr(), Linux.MSG_NOSIGNAL);
                } finally {
                    socket.leaveBlocking(n >= 0);
                }
            } while (n < 0 && socket.retry(JnrLibc.errno()));
            Reference.reachabilityFence(src);
            if (n < 0) {
                throw socket.sendFailure(JnrLibc.errno(), length);
            }
            sent = (int) n;
            src.position(src.position() + sent);
        } finally {
            socket.descriptor().end();
        }
        // STREAM: the ancillary data went with the first bytes; the rest follows as plain data.
        return src.hasRemaining() && !socket.type().keepsMessageBoundaries() ? sent + socket.send(src) : sent;
    }

    static ReceivedMessage receive(JnrUnixSocket socket, ByteBuffer dst, int maxDescriptors) throws IOException {
        if (maxDescriptors < 0) {
            throw new IllegalArgumentException("maxDescriptors cannot be negative: " + maxDescriptors);
        }
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("cannot receive into a read-only buffer");
        }
        int allowed = Math.min(maxDescriptors, Ancillary.MAX_DESCRIPTORS);
        boolean stream = !socket.type().keepsMessageBoundaries();
        int fd = socket.beginIo();
        try {
            int room = dst.remaining();
            if (stream && room == 0) {
                return new ReceivedMessage(0, 0, List.of(), false, null);
            }
            int length = stream && !dst.isDirect() ? Math.min(room, JnrScratch.STREAM_CHUNK) : room;
            JnrScratch scratch = JnrScratch.get();
            long address = dst.isDirect() ? JnrScratch.address(dst) + dst.position() : heapData(scratch, length);
            // Room for the allowed descriptors, and for credentials in case SO_PASSCRED is on.
            int controlLength = ControlMessages.receiveSpace(allowed);
            writeHeader(scratch, address, length, controlLength);
            // The sender's address, for ReceivedMessage.sender(), in the scratch's sockaddr.
            scratch.structs.putLong(scratch.msghdrOffset() + Structs.MSG_NAME, scratch.sockaddr());
            scratch.structs.putInt(scratch.msghdrOffset() + Structs.MSG_NAMELEN, Structs.SOCKADDR_UN_SIZE);
            int flags = Linux.MSG_CMSG_CLOEXEC | (stream ? 0 : Linux.MSG_TRUNC);
            long received;
            do {
                received = recvmsg(socket, scratch, fd, flags);
            } while (received < 0 && socket.retry(JnrLibc.errno()));
            Reference.reachabilityFence(dst);
            if (received < 0) {
                throw socket.failure("recvmsg", JnrLibc.errno());
            }
            ByteBuffer s = scratch.structs;
            int messageFlags = s.getInt(scratch.msghdrOffset() + Structs.MSG_FLAGS);
            int returnedControl = (int) s.getLong(scratch.msghdrOffset() + Structs.MSG_CONTROLLEN);
            UnixAddress sender = scratch.recentAddresses().decode(s, scratch.sockaddrOffset(),
                    s.getInt(scratch.msghdrOffset() + Structs.MSG_NAMELEN));
            ControlMessages.Received control = ControlMessages.read(scratch.structs, scratch.controlOffset(),
                    returnedControl, allowed, JnrReceivedDescriptor::new, JnrSyscalls.INSTANCE);
            if (received == 0 && (stream || socket.inputEnded(fd))) {
                AsynchronousCloseException closed = socket.descriptor().closedMeanwhile();
                if (closed != null) {
                    control.close(closed);
                    throw closed;
                }
                boolean truncated = (messageFlags & Linux.MSG_CTRUNC) != 0 || control.dropped();
                return new ReceivedMessage(-1, -1, control.descriptors(), truncated, control.credentials(), sender,
                        control.securityLabel(), control.senderProcess());
            }
            int placed = (int) Math.min(received, length);
            if (!dst.isDirect()) {
                dst.put(dst.position(), scratch.data(0), 0, placed);
            }
            dst.position(dst.position() + placed);
            boolean truncated = (messageFlags & Linux.MSG_CTRUNC) != 0 || control.dropped();
            return new ReceivedMessage(placed, stream ? placed : (int) received, control.descriptors(),
                    truncated, control.credentials(), sender, control.securityLabel(), control.senderProcess());
        } finally {
            socket.descriptor().end();
        }
    }

    /** recvmsg(2), interruptible; descriptors that came with a call an interrupt ended are closed. */
    private static long recvmsg(JnrUnixSocket socket, JnrScratch scratch, int fd, int flags) throws IOException {
        socket.enterBlocking();
        long received = -1;
        try {
            received = JnrLibc.C.recvmsg(fd, scratch.msghdr(), flags);
        } finally {
            try {
                socket.leaveBlocking(received >= 0);
            } catch (IOException interrupted) {
                if (received >= 0) {
                    int control = (int) scratch.structs.getLong(scratch.msghdrOffset() + Structs.MSG_CONTROLLEN);
                    ControlMessages.discard(scratch.structs, scratch.controlOffset(), control, JnrSyscalls.INSTANCE);
                }
                throw interrupted;
            }
        }
        return received;
    }

    private static long heapData(JnrScratch scratch, int length) {
        scratch.data(length);
        return scratch.dataAddress();
    }

    private static long dataAddress(JnrScratch scratch, ByteBuffer src, int length) {
        if (src.isDirect()) {
            return JnrScratch.address(src) + src.position();
        }
        scratch.data(length).put(0, src, src.position(), length);
        return scratch.dataAddress();
    }

    /** The {@code msghdr} with one {@code iovec}, no name, and the scratch control buffer. */
    static void writeHeader(JnrScratch scratch, long data, int length, int controlLength) {
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
