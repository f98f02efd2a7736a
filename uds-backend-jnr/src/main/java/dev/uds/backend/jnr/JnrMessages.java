package dev.uds.backend.jnr;

import dev.uds.Ancillary;
import dev.uds.PeerCredentials;
import dev.uds.ReceivedDescriptor;
import dev.uds.ReceivedMessage;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.internal.Linux;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sendmsg(2)} and {@code recvmsg(2)} with ancillary data: descriptors
 * ({@code SCM_RIGHTS}) and credentials ({@code SCM_CREDENTIALS}), laid out as cmsg(3) says in the
 * thread's {@link JnrScratch}. jnr-unixsocket has neither call.
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
        int fd = socket.descriptor().acquire();
        try (JnrPassedDescriptors passed = JnrPassedDescriptors.open(ancillary.descriptorList())) {
            boolean stream = !socket.type().keepsMessageBoundaries();
            int length = stream ? Math.min(src.remaining(), JnrScratch.STREAM_CHUNK) : src.remaining();
            JnrScratch scratch = JnrScratch.get();
            int controlLength = writeControl(scratch, passed.numbers(), ancillary.statedCredentials().orElse(null));
            long address = dataAddress(scratch, src, length);
            writeHeader(scratch, address, length, controlLength);
            long n;
            do {
                n = JnrLibc.C.sendmsg(fd, scratch.msghdr(), Linux.MSG_NOSIGNAL);
            } while (n < 0 && socket.retry(JnrLibc.errno()));
            Reference.reachabilityFence(src);
            if (n < 0) {
                throw socket.sendFailure(JnrLibc.errno(), length);
            }
            sent = (int) n;
            src.position(src.position() + sent);
        } finally {
            socket.descriptor().release();
        }
        // STREAM: the ancillary data went with the first bytes; the rest follows as plain data.
        return src.hasRemaining() && !socket.type().keepsMessageBoundaries() ? sent + socket.send(src) : sent;
    }

    static ReceivedMessage receive(JnrUnixSocket socket, ByteBuffer dst, int maxDescriptors) throws IOException {
        if (maxDescriptors < 0) {
            throw new IllegalArgumentException("maxDescriptors cannot be negative: " + maxDescriptors);
        }
        int allowed = Math.min(maxDescriptors, Ancillary.MAX_DESCRIPTORS);
        boolean stream = !socket.type().keepsMessageBoundaries();
        int fd = socket.descriptor().acquire();
        try {
            int room = dst.remaining();
            if (stream && room == 0) {
                return new ReceivedMessage(0, 0, List.of(), false, null);
            }
            int length = stream && !dst.isDirect() ? Math.min(room, JnrScratch.STREAM_CHUNK) : room;
            JnrScratch scratch = JnrScratch.get();
            long address = dst.isDirect() ? JnrScratch.address(dst) + dst.position() : heapData(scratch, length);
            // Room for the allowed descriptors, and for credentials in case SO_PASSCRED is on.
            int controlLength = (allowed > 0 ? JnrStructs.cmsgSpace(4 * allowed) : 0)
                    + JnrStructs.cmsgSpace(JnrStructs.UCRED_SIZE);
            writeHeader(scratch, address, length, controlLength);
            int flags = Linux.MSG_CMSG_CLOEXEC | (stream ? 0 : Linux.MSG_TRUNC);
            long received;
            do {
                received = JnrLibc.C.recvmsg(fd, scratch.msghdr(), flags);
            } while (received < 0 && socket.retry(JnrLibc.errno()));
            Reference.reachabilityFence(dst);
            if (received < 0) {
                throw socket.failure("recvmsg", JnrLibc.errno());
            }
            ByteBuffer s = scratch.structs;
            int messageFlags = s.getInt(scratch.msghdrOffset() + JnrStructs.MSG_FLAGS);
            int returnedControl = (int) s.getLong(scratch.msghdrOffset() + JnrStructs.MSG_CONTROLLEN);
            JnrControl control = JnrControl.read(scratch, returnedControl, allowed);
            if (received == 0 && (stream || socket.inputEnded(fd))) {
                control.closeAll();
                socket.throwIfClosedMeanwhile();
                return new ReceivedMessage(-1, -1, List.of(), false, null);
            }
            int placed = (int) Math.min(received, length);
            if (!dst.isDirect()) {
                dst.put(dst.position(), scratch.data(0), 0, placed);
            }
            dst.position(dst.position() + placed);
            boolean truncated = (messageFlags & Linux.MSG_CTRUNC) != 0 || control.droppedAny();
            return new ReceivedMessage(placed, stream ? placed : (int) received, control.descriptors(),
                    truncated, control.credentials());
        } finally {
            socket.descriptor().release();
        }
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
    private static void writeHeader(JnrScratch scratch, long data, int length, int controlLength) {
        ByteBuffer s = scratch.structs;
        int iov = scratch.iovecOffset();
        s.putLong(iov, data);
        s.putLong(iov + 8, length);
        int m = scratch.msghdrOffset();
        s.putLong(m + JnrStructs.MSG_NAME, 0);
        s.putInt(m + JnrStructs.MSG_NAMELEN, 0);
        s.putLong(m + JnrStructs.MSG_IOV, scratch.iovec());
        s.putLong(m + JnrStructs.MSG_IOVLEN, 1);
        s.putLong(m + JnrStructs.MSG_CONTROL, controlLength == 0 ? 0 : scratch.control());
        s.putLong(m + JnrStructs.MSG_CONTROLLEN, controlLength);
        s.putInt(m + JnrStructs.MSG_FLAGS, 0);
    }

    /** Writes SCM_RIGHTS and SCM_CREDENTIALS control messages; returns their total length. */
    private static int writeControl(JnrScratch scratch, int[] descriptors, PeerCredentials credentials) {
        ByteBuffer s = scratch.structs;
        int at = scratch.controlOffset();
        int total = 0;
        if (descriptors.length > 0) {
            int dataLength = 4 * descriptors.length;
            writeControlHeader(s, at, dataLength, Linux.SCM_RIGHTS);
            for (int i = 0; i < descriptors.length; i++) {
                s.putInt(at + JnrStructs.CMSG_HEADER_SIZE + 4 * i, descriptors[i]);
            }
            total += JnrStructs.cmsgSpace(dataLength);
        }
        if (credentials != null) {
            int c = at + total;
            writeControlHeader(s, c, JnrStructs.UCRED_SIZE, Linux.SCM_CREDENTIALS);
            s.putInt(c + JnrStructs.CMSG_HEADER_SIZE, credentials.pid().orElseThrow());
            s.putInt(c + JnrStructs.CMSG_HEADER_SIZE + 4, credentials.uid());
            s.putInt(c + JnrStructs.CMSG_HEADER_SIZE + 8, credentials.gid());
            total += JnrStructs.cmsgSpace(JnrStructs.UCRED_SIZE);
        }
        return total;
    }

    private static void writeControlHeader(ByteBuffer s, int at, int dataLength, int type) {
        s.putLong(at, JnrStructs.cmsgLength(dataLength));
        s.putInt(at + JnrStructs.CMSG_LEVEL, Linux.SOL_SOCKET);
        s.putInt(at + JnrStructs.CMSG_TYPE, type);
    }

    /** What came in the control buffer: descriptors (beyond the allowance closed) and credentials. */
    static final class JnrControl {
        private final List<ReceivedDescriptor> descriptors;
        private final boolean droppedAny;
        private final PeerCredentials credentials;

        private JnrControl(List<ReceivedDescriptor> descriptors, boolean droppedAny, PeerCredentials credentials) {
            this.descriptors = descriptors;
            this.droppedAny = droppedAny;
            this.credentials = credentials;
        }

        static JnrControl read(JnrScratch scratch, int length, int allowed) {
            ByteBuffer s = scratch.structs;
            int base = scratch.controlOffset();
            List<ReceivedDescriptor> kept = new ArrayList<>();
            boolean dropped = false;
            PeerCredentials credentials = null;
            int offset = 0;
            while (offset + JnrStructs.CMSG_HEADER_SIZE <= length) {
                int at = base + offset;
                int cmsgLength = (int) s.getLong(at);
                if (cmsgLength < JnrStructs.CMSG_HEADER_SIZE) {
                    break;
                }
                int dataLength = cmsgLength - JnrStructs.CMSG_HEADER_SIZE;
                int data = at + JnrStructs.CMSG_HEADER_SIZE;
                if (s.getInt(at + JnrStructs.CMSG_LEVEL) == Linux.SOL_SOCKET) {
                    int type = s.getInt(at + JnrStructs.CMSG_TYPE);
                    if (type == Linux.SCM_RIGHTS) {
                        for (int i = 0; i + 4 <= dataLength; i += 4) {
                            int received = s.getInt(data + i);
                            if (kept.size() < allowed) {
                                kept.add(new JnrReceivedDescriptor(received));
                            } else {
                                JnrLibc.C.close(received); // beyond the allowance: closed, and reported
                                dropped = true;
                            }
                        }
                    } else if (type == Linux.SCM_CREDENTIALS && dataLength >= JnrStructs.UCRED_SIZE) {
                        credentials = PeerCredentials.of(s.getInt(data), s.getInt(data + 4), s.getInt(data + 8));
                    }
                }
                offset += JnrStructs.cmsgAlign(cmsgLength);
            }
            return new JnrControl(kept, dropped, credentials);
        }

        List<ReceivedDescriptor> descriptors() {
            return descriptors;
        }

        boolean droppedAny() {
            return droppedAny;
        }

        PeerCredentials credentials() {
            return credentials;
        }

        void closeAll() throws IOException {
            for (ReceivedDescriptor d : descriptors) {
                d.close();
            }
        }
    }
}
