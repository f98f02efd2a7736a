package dev.uds.backend.ffm;

import dev.uds.Ancillary;
import dev.uds.Capability;
import dev.uds.MessageBatch;
import dev.uds.MessageTruncatedException;
import dev.uds.PeerCredentials;
import dev.uds.PeerProcess;
import dev.uds.ReceivedMessage;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import dev.uds.internal.Errors;
import dev.uds.linux.Datagrams;
import dev.uds.linux.InterruptibleSocket;
import dev.uds.linux.Linux;
import dev.uds.linux.PeerIdentity;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * An AF_UNIX socket of any type, on libc.
 *
 * <p>End of stream: {@code recv} returning 0 means end of stream for STREAM. For DGRAM and
 * SEQPACKET, 0 is also the length of an empty message, so the backend asks {@code poll(2)} for
 * {@code POLLRDHUP} when a receive returns 0: with the reading side shut down (the SEQPACKET peer
 * closed, or {@link #shutdownInput()} here) it reports -1, otherwise an empty message, 0. An
 * empty SEQPACKET message that was queued before the peer closed therefore reads as end of
 * stream, as it does for the C programs of unix(7).
 */
final class FfmUnixSocket extends InterruptibleSocket {
    private final FfmDescriptor descriptor;
    private final SocketType type;
    /** What error messages name: the address bound, connected to or accepted at. */
    private volatile Object label;
    /**
     * Set once a platform thread's receive here found nothing at its first try; from then on
     * {@link #receiveBlocksAtOnce} follows each receive (see {@link FfmTransfer}). Both are hints,
     * read and written without synchronization: a stale value changes which call is made (one
     * system call more, or one thread-state transition), never what is received.
     */
    boolean receivesWaited;
    /** Whether a platform thread's next receive here skips the first try and blocks at once. */
    boolean receiveBlocksAtOnce;

    FfmUnixSocket(int fd, SocketType type, Object label) {
        this.descriptor = new FfmDescriptor(fd);
        this.type = type;
        this.label = label;
    }

    @Override
    protected FfmDescriptor descriptor() {
        return descriptor;
    }

    Object label() {
        return label;
    }

    /** The exception for a failed call: AsynchronousCloseException if closed meanwhile. */
    IOException failure(String call, int errno) {
        IOException closed = descriptor.closedMeanwhile();
        return closed != null ? closed : Errors.exception(call, label, errno);
    }

    @Override
    public SocketType type() {
        return type;
    }

    @Override
    public String backend() {
        return FfmProvider.NAME;
    }

    @Override
    public void bind(UnixAddress address) throws IOException {
        int fd = descriptor.begin();
        try {
            FfmConnections.bind(this, fd, address);
            label = address;
        } finally {
            descriptor.end();
        }
    }

    @Override
    public void listen(int backlog) throws IOException {
        int fd = descriptor.begin();
        try {
            FfmConnections.listen(this, fd, backlog);
        } finally {
            descriptor.end();
        }
    }

    /**
     * Starts a call that may wait. A virtual thread's call is counted as one that parks (see
     * {@link FfmDescriptor}); and, as with {@code SocketChannel}, a thread that comes in
     * interrupted closes the socket and gets {@link java.nio.channels.ClosedByInterruptException}.
     */
    int beginIo(boolean virtual) throws IOException {
        int fd = descriptor.begin(virtual);
        if (Thread.currentThread().isInterrupted()) {
            descriptor.end(virtual);
            throw closeForInterrupt();
        }
        return fd;
    }

    @Override
    public UnixSocket accept() throws IOException {
        boolean virtual = Thread.currentThread().isVirtual();
        int fd = beginIo(virtual);
        try {
            return FfmConnections.accept(this, fd, virtual);
        } finally {
            descriptor.end(virtual);
        }
    }

    @Override
    public void connect(UnixAddress address) throws IOException {
        boolean virtual = Thread.currentThread().isVirtual();
        int fd = beginIo(virtual);
        try {
            FfmConnections.connect(this, fd, address);
            label = address;
        } finally {
            descriptor.end(virtual);
        }
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        boolean virtual = Thread.currentThread().isVirtual();
        int fd = beginIo(virtual);
        try {
            return FfmTransfer.send(this, fd, src);
        } finally {
            descriptor.end(virtual);
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return send(src);
    }

    @Override
    public int receive(ByteBuffer dst) throws IOException {
        return receive(dst, 0, "receive");
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            if (!isOpen()) {
                throw new ClosedChannelException();
            }
            return 0;
        }
        return receive(dst, 0, "read");
    }

    @Override
    public int peek(ByteBuffer dst) throws IOException {
        return receive(dst, Linux.MSG_PEEK, "peek");
    }

    private int receive(ByteBuffer dst, int flags, String call) throws IOException {
        boolean virtual = Thread.currentThread().isVirtual();
        int fd = beginIo(virtual);
        try {
            int room = dst.remaining();
            long length = FfmTransfer.receive(this, fd, dst, flags, call);
            if (length > room) {
                throw new MessageTruncatedException(call + " " + label, room, (int) length);
            }
            return (int) length;
        } finally {
            descriptor.end(virtual);
        }
    }

    /**
     * Whether a receive that returned 0 saw end of stream rather than an empty message; see
     * the class comment. STREAM: always.
     */
    boolean endOfStream(int fd) {
        if (type == SocketType.STREAM) {
            return true;
        }
        FfmScratch scratch = FfmScratch.current();
        MemorySegment pollfd = scratch.pollfd;
        pollfd.set(java.lang.foreign.ValueLayout.JAVA_INT, LibcStructs.POLL_FD, fd);
        pollfd.set(java.lang.foreign.ValueLayout.JAVA_SHORT, LibcStructs.POLL_EVENTS, Linux.POLLRDHUP);
        pollfd.set(java.lang.foreign.ValueLayout.JAVA_SHORT, LibcStructs.POLL_REVENTS, (short) 0);
        if (LibcReadiness.poll(scratch.errno, pollfd, 1, 0) <= 0) {
            return false;
        }
        short events = pollfd.get(java.lang.foreign.ValueLayout.JAVA_SHORT, LibcStructs.POLL_REVENTS);
        return Linux.readSideShutDown(events);
    }

    /**
     * Whether a DGRAM socket's reading side is shut down, for a non-blocking receive that got
     * EAGAIN: a blocking recv(2) returns 0 there (end of stream), a non-blocking one EAGAIN, and
     * no new readiness would ever wake the parked call. STREAM and SEQPACKET return 0 either way.
     */
    boolean dgramInputShutDown(int fd) {
        return type == SocketType.DGRAM && endOfStream(fd);
    }

    @Override
    public int send(ByteBuffer src, Ancillary ancillary) throws IOException {
        if (ancillary.isEmpty()) {
            return send(src);
        }
        if (!src.hasRemaining()) {
            throw new IllegalArgumentException("ancillary data needs at least one byte of data to travel with");
        }
        boolean virtual = Thread.currentThread().isVirtual();
        int fd = beginIo(virtual);
        try {
            return FfmMessages.send(this, fd, src, ancillary);
        } finally {
            descriptor.end(virtual);
        }
    }

    @Override
    public ReceivedMessage receiveMessage(ByteBuffer dst, int maxDescriptors) throws IOException {
        if (maxDescriptors < 0) {
            throw new IllegalArgumentException("maxDescriptors must not be negative: " + maxDescriptors);
        }
        boolean virtual = Thread.currentThread().isVirtual();
        int fd = beginIo(virtual);
        try {
            return FfmMessages.receive(this, fd, dst, Math.min(maxDescriptors, Ancillary.MAX_DESCRIPTORS));
        } finally {
            descriptor.end(virtual);
        }
    }

    @Override
    public int available() throws IOException {
        int fd = descriptor.begin();
        try {
            return FfmOptions.available(this, fd);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public PeerCredentials peerCredentials() throws IOException {
        int fd = descriptor.begin();
        try {
            return FfmOptions.peerCredentials(this, fd);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public PeerProcess peerProcess() throws IOException {
        FfmProvider.require(Capability.PEER_PIDFD);
        return PeerIdentity.peerProcess(descriptor, label(), FfmSyscalls.INSTANCE);
    }

    @Override
    public String peerSecurityLabel() throws IOException {
        FfmProvider.require(Capability.PEER_SECURITY_LABEL);
        return PeerIdentity.securityLabel(descriptor, label(), FfmSyscalls.INSTANCE);
    }

    @Override
    public <T> void setOption(UnixSocketOption<T> option, T value) throws IOException {
        int fd = descriptor.begin();
        try {
            FfmOptions.set(this, fd, option, value);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public <T> T getOption(UnixSocketOption<T> option) throws IOException {
        int fd = descriptor.begin();
        try {
            return FfmOptions.get(this, fd, option);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public UnixAddress localAddress() throws IOException {
        return address(false);
    }

    @Override
    public UnixAddress remoteAddress() throws IOException {
        return address(true);
    }

    private UnixAddress address(boolean peer) throws IOException {
        int fd = descriptor.begin();
        try {
            return FfmOptions.address(this, fd, peer);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        shutdown(Linux.SHUT_RD, "shutdown SHUT_RD");
    }

    @Override
    public void shutdownOutput() throws IOException {
        shutdown(Linux.SHUT_WR, "shutdown SHUT_WR");
    }

    private void shutdown(int how, String call) throws IOException {
        int fd = descriptor.begin();
        try {
            FfmConnections.shutdown(this, fd, how, call);
        } finally {
            descriptor.end();
        }
    }

    // Addressed datagrams (Capability.ADDRESSED_DATAGRAMS): FfmDatagrams.

    @Override
    public int sendTo(ByteBuffer src, UnixAddress target) throws IOException {
        return FfmDatagrams.sendTo(this, src, target);
    }

    @Override
    public UnixAddress receiveFrom(ByteBuffer dst) throws IOException {
        return FfmDatagrams.receiveFrom(this, dst);
    }

    @Override
    public void disconnect() throws IOException {
        Datagrams.checkType(type, Datagrams.DISCONNECT, label);
        int fd = descriptor.begin();
        try {
            FfmDatagrams.disconnect(this, fd);
        } finally {
            descriptor.end();
        }
        // Errors no longer name the peer, but this socket's own address.
        label = localAddress();
    }

    // ---- Message batches (sendmmsg, recvmmsg): FfmBatches on the core's BatchVectors ----

    @Override
    public int sendBatch(MessageBatch batch, int offset, int count) throws IOException {
        return FfmBatches.send(this, batch, offset, count);
    }

    @Override
    public int receiveBatch(MessageBatch batch, int offset, int count) throws IOException {
        return FfmBatches.receive(this, batch, offset, count);
    }

    /** Keeps a buffer reachable until a native call that uses its memory has returned. */
    static void keepAlive(ByteBuffer buffer) {
        Reference.reachabilityFence(buffer);
    }

    @Override
    public String toString() {
        return "ffm " + type + " socket " + label + (isOpen() ? "" : " (closed)");
    }
}
