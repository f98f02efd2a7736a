package dev.uds.backend.ffm;

import static dev.uds.linux.Linux.EAGAIN;
import static dev.uds.linux.Linux.EINTR;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.uds.Ancillary;
import dev.uds.OpenFile;
import dev.uds.PassableDescriptor;
import dev.uds.PeerCredentials;
import dev.uds.ReceivedDescriptor;
import dev.uds.ReceivedMessage;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.internal.Errors;
import dev.uds.linux.ControlMessages;
import dev.uds.linux.Linux;
import dev.uds.linux.Structs;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;

/**
 * Messages with ancillary data, through {@code sendmsg(2)} and {@code recvmsg(2)}: descriptors
 * ({@code SCM_RIGHTS}) and credentials ({@code SCM_CREDENTIALS}), written and read by the
 * core's {@link ControlMessages} in the thread's control buffer.
 */
final class FfmMessages {
    private FfmMessages() {
    }

    /** Sends {@code src} with {@code ancillary}; the caller holds {@code fd}. */
    static int send(FfmUnixSocket socket, int fd, ByteBuffer src, Ancillary ancillary) throws IOException {
        List<PassableDescriptor> passed = ancillary.descriptorList();
        int count = passed.size();
        int[] numbers = new int[count];
        // What each number needs when the send is over: end() of a held descriptor, or close(2)
        // of a file opened for this send only.
        FfmDescriptor[] held = new FfmDescriptor[count];
        int acquired = 0;
        try {
            for (PassableDescriptor d : passed) {
                FfmDescriptor owner = ownerOf(d);
                if (owner != null) {
                    numbers[acquired] = begin(owner, d);
                    held[acquired] = owner;
                } else {
                    numbers[acquired] = FfmFiles.open((OpenFile) d);
                }
                acquired++;
            }
            return sendWith(socket, fd, src, numbers, ancillary.statedCredentials().orElse(null));
        } finally {
            for (int i = 0; i < acquired; i++) {
                if (held[i] != null) {
                    held[i].end();
                } else {
                    FfmFiles.closeQuietly(numbers[i]);
                }
            }
        }
    }

    /** The descriptor object behind a passable one; null for an {@link OpenFile}. */
    private static FfmDescriptor ownerOf(PassableDescriptor d) {
        if (d instanceof FfmUnixSocket socket) {
            return socket.descriptor();
        } else if (d instanceof FfmReceivedDescriptor received) {
            return received.descriptor();
        } else if (d instanceof OpenFile) {
            return null;
        }
        String origin = d instanceof UnixSocket s ? "the " + s.backend() + " backend"
                : d instanceof ReceivedDescriptor ? "another backend" : d.getClass().getName();
        throw new IllegalArgumentException("the ffm backend cannot pass a descriptor from " + origin + ": " + d);
    }

    private static int begin(FfmDescriptor owner, PassableDescriptor d) throws IOException {
        try {
            return owner.begin();
        } catch (ClosedChannelException e) {
            IOException failure = Errors.exception("sendmsg SCM_RIGHTS", d, dev.uds.Errno.EBADF.number(), "that descriptor is closed");
            failure.initCause(e);
            throw failure;
        }
    }

    private static int sendWith(FfmUnixSocket socket, int fd, ByteBuffer src, int[] numbers, PeerCredentials credentials)
            throws IOException {
        FfmScratch scratch = FfmScratch.current();
        long used = ControlMessages.write(scratch.controlBuffer, 0, numbers, credentials);
        int position = src.position();
        boolean stream = socket.type() == SocketType.STREAM;
        int length = stream && !src.isDirect() ? Math.min(src.remaining(), scratch.streamChunk()) : src.remaining();
        int flags = Linux.MSG_NOSIGNAL | (scratch.virtual ? Linux.MSG_DONTWAIT : 0);
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
                MemorySegment msghdr = prepare(scratch, data, length, used);
                long sent = sendmsg(socket, scratch, fd, msghdr, flags);
                FfmUnixSocket.keepAlive(src);
                if (sent >= 0) {
                    src.position(position + (int) sent);
                    break;
                }
                int errno = scratch.errno();
                if (errno == EINTR && !socket.descriptor().isClosed()) {
                    continue;
                }
                if (errno == EAGAIN && scratch.virtual) {
                    wait = FfmWait.after(wait, socket, fd, FfmWait.WRITE, Linux.SO_SNDTIMEO, "sendmsg", socket.label());
                    continue;
                }
                throw FfmTransfer.sendFailure(socket, "sendmsg", fd, length, errno);
            }
        } finally {
            FfmWait.finish(wait);
            scratch.releaseCopy();
        }
        if (stream && src.hasRemaining()) {
            // The ancillary data went with the first bytes; the rest is plain data.
            FfmTransfer.send(socket, fd, src);
        }
        return src.position() - position;
    }

    /** sendmsg(2); a platform thread's call, which may block, is interruptible. */
    private static long sendmsg(FfmUnixSocket socket, FfmScratch scratch, int fd, MemorySegment msghdr, int flags)
            throws IOException {
        if (scratch.virtual) {
            return Libc.sendmsg(scratch.errno, fd, msghdr, flags);
        }
        socket.enterBlocking();
        long result = -1;
        try {
            result = Libc.sendmsg(scratch.errno, fd, msghdr, flags);
        } finally {
            socket.leaveBlocking(result >= 0);
        }
        return result;
    }

    /** recvmsg(2); a platform thread's call, which may block, is interruptible. */
    private static long recvmsg(FfmUnixSocket socket, FfmScratch scratch, int fd, MemorySegment msghdr, int flags)
            throws IOException {
        if (scratch.virtual) {
            return Libc.recvmsg(scratch.errno, fd, msghdr, flags);
        }
        socket.enterBlocking();
        long result = -1;
        try {
            result = Libc.recvmsg(scratch.errno, fd, msghdr, flags);
        } finally {
            try {
                socket.leaveBlocking(result >= 0);
            } catch (IOException interrupted) {
                if (result >= 0) {
                    // Received, then interrupted: the descriptors that came are closed, not leaked.
                    ControlMessages.discard(scratch.controlBuffer, 0,
                            (int) msghdr.get(JAVA_LONG, LibcStructs.MSG_CONTROLLEN), FfmSyscalls.INSTANCE);
                }
                throw interrupted;
            }
        }
        return result;
    }

    /** Fills the thread's msghdr and iovec for one buffer and {@code controlLength} bytes of control. */
    private static MemorySegment prepare(FfmScratch scratch, long data, long length, long controlLength) {
        scratch.iovec.set(JAVA_LONG, LibcStructs.IOV_BASE, data); // a pointer, as a 64-bit integer (LP64)
        scratch.iovec.set(JAVA_LONG, LibcStructs.IOV_LEN, length);
        MemorySegment msghdr = scratch.msghdr;
        msghdr.set(ADDRESS, LibcStructs.MSG_NAME, MemorySegment.NULL);
        msghdr.set(JAVA_INT, LibcStructs.MSG_NAMELEN, 0);
        msghdr.set(ADDRESS, LibcStructs.MSG_IOV, scratch.iovec);
        msghdr.set(JAVA_LONG, LibcStructs.MSG_IOVLEN, 1);
        msghdr.set(ADDRESS, LibcStructs.MSG_CONTROL, controlLength == 0 ? MemorySegment.NULL : scratch.control);
        msghdr.set(JAVA_LONG, LibcStructs.MSG_CONTROLLEN, controlLength);
        msghdr.set(JAVA_INT, LibcStructs.MSG_FLAGS, 0);
        return msghdr;
    }

    /**
     * Receives one message (or STREAM bytes) with up to {@code maxDescriptors} descriptors and,
     * when SO_PASSCRED is on, the sender's credentials. Descriptors beyond the allowance (the
     * kernel may fit more than asked, as CMSG_SPACE rounds up) are closed and reported as
     * truncation, like those the kernel itself dropped (MSG_CTRUNC).
     */
    static ReceivedMessage receive(FfmUnixSocket socket, int fd, ByteBuffer dst, int maxDescriptors) throws IOException {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("cannot receive into a read-only buffer");
        }
        boolean stream = socket.type() == SocketType.STREAM;
        int room = dst.remaining();
        if (stream && room == 0) {
            return new ReceivedMessage(0, 0, List.of(), false, null);
        }
        FfmScratch scratch = FfmScratch.current();
        long controlLength = ControlMessages.receiveSpace(maxDescriptors);
        int flags = Linux.MSG_CMSG_CLOEXEC | (stream ? 0 : Linux.MSG_TRUNC)
                | (scratch.virtual ? Linux.MSG_DONTWAIT : 0);
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
                    length = stream ? Math.min(room, scratch.streamChunk()) : room;
                    copy = scratch.copyBuffer(length);
                    data = scratch.addressOfCopy(copy);
                }
                MemorySegment msghdr = prepare(scratch, data, length, controlLength);
                // The sender's address, for ReceivedMessage.sender(), in the scratch's sockaddr.
                msghdr.set(ADDRESS, LibcStructs.MSG_NAME, scratch.sockaddr);
                msghdr.set(JAVA_INT, LibcStructs.MSG_NAMELEN, Structs.SOCKADDR_UN_SIZE);
                long received = recvmsg(socket, scratch, fd, msghdr, flags);
                FfmUnixSocket.keepAlive(dst);
                if (received >= 0) {
                    return received(socket, fd, dst, maxDescriptors, scratch, msghdr, received, length, copy);
                }
                int errno = scratch.errno();
                if (errno == EINTR && !socket.descriptor().isClosed()) {
                    continue;
                }
                if (errno != EAGAIN || !scratch.virtual) {
                    throw socket.failure("recvmsg", errno);
                }
                if (socket.dgramInputShutDown(fd)) {
                    msghdr.set(JAVA_LONG, LibcStructs.MSG_CONTROLLEN, 0);
                    msghdr.set(JAVA_INT, LibcStructs.MSG_FLAGS, 0);
                    msghdr.set(JAVA_INT, LibcStructs.MSG_NAMELEN, 0);
                    return received(socket, fd, dst, maxDescriptors, scratch, msghdr, 0, length, copy);
                }
                wait = FfmWait.after(wait, socket, fd, FfmWait.READ, Linux.SO_RCVTIMEO, "recvmsg", socket.label());
            }
        } finally {
            FfmWait.finish(wait);
            scratch.releaseCopy();
        }
    }

    /** What a recvmsg(2) that returned {@code received} brought: data placed, descriptors owned. */
    private static ReceivedMessage received(FfmUnixSocket socket, int fd, ByteBuffer dst, int maxDescriptors,
            FfmScratch scratch, MemorySegment msghdr, long received, int length, ByteBuffer copy) throws IOException {
        boolean stream = socket.type() == SocketType.STREAM;
        int messageFlags = msghdr.get(JAVA_INT, LibcStructs.MSG_FLAGS);
        ControlMessages.Received parsed = ControlMessages.read(scratch.controlBuffer, 0,
                (int) msghdr.get(JAVA_LONG, LibcStructs.MSG_CONTROLLEN), maxDescriptors, FfmReceivedDescriptor::new,
                FfmSyscalls.INSTANCE);
        List<ReceivedDescriptor> kept = parsed.descriptors();
        UnixAddress sender = scratch.recentAddresses().decode(scratch.sockaddrBuffer, 0,
                msghdr.get(JAVA_INT, LibcStructs.MSG_NAMELEN));
        boolean descriptorsTruncated = (messageFlags & Linux.MSG_CTRUNC) != 0 || parsed.dropped();
        if (received == 0) {
            IOException closed = socket.descriptor().closedMeanwhile();
            if (closed != null) {
                parsed.close(closed);
                throw closed;
            }
            if (socket.endOfStream(fd)) {
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
}
