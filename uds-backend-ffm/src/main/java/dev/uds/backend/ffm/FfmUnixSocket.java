package dev.uds.backend.ffm;

import dev.uds.Ancillary;
import dev.uds.Capability;
import dev.uds.MessageBatch;
import dev.uds.PeerCredentials;
import dev.uds.PeerProcess;
import dev.uds.ReceivedDescriptor;
import dev.uds.ReceivedMessage;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import dev.uds.internal.Errors;
import dev.uds.linux.AddressedDatagrams;
import dev.uds.linux.Connections;
import dev.uds.linux.Datagrams;
import dev.uds.linux.InterruptibleSocket;
import dev.uds.linux.Linux;
import dev.uds.linux.LinuxReceivedDescriptor;
import dev.uds.linux.Messages;
import dev.uds.linux.Options;
import dev.uds.linux.PeerIdentity;
import dev.uds.linux.Transfer;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * An AF_UNIX socket of any type, on libc.
 *
 * <p>Its sends and receives are the core's flows ({@link Transfer}) over this backend's binding
 * ({@link FfmSyscalls}); what is FFM's own is the binding, the memory ({@link FfmScratch}), the
 * critical first try and the parking of virtual threads ({@link #awaitReady}, {@link FfmWait}).
 */
final class FfmUnixSocket extends InterruptibleSocket {
    private final FfmDescriptor descriptor;
    private final SocketType type;
    /** What error messages name: the address bound, connected to or accepted at. */
    private volatile Object label;

    FfmUnixSocket(int fd, SocketType type, Object label) {
        this.descriptor = new FfmDescriptor(fd);
        this.type = type;
        this.label = label;
    }

    /** A descriptor received with SCM_RIGHTS, adopted as a socket of this backend. */
    static ReceivedDescriptor received(int fd) {
        return new LinuxReceivedDescriptor(fd, FfmSyscalls.INSTANCE, FfmUnixSocket::new);
    }

    @Override
    protected FfmDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Object label() {
        return label;
    }

    /** A virtual thread's call parks ({@link FfmWait}), bounded by the socket's timeout. */
    @Override
    protected Object awaitReady(Object wait, int fd, int what, String call, Object target) throws IOException {
        int events = what == WAIT_READ ? FfmWait.READ : what == WAIT_WRITE ? FfmWait.WRITE : FfmWait.RETRY;
        return FfmWait.after((FfmWait) wait, this, fd, events, what == WAIT_READ ? Linux.SO_RCVTIMEO : Linux.SO_SNDTIMEO,
                call, target);
    }

    @Override
    protected void finishWait(Object wait) {
        FfmWait.finish((FfmWait) wait);
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
            Connections.bind(this, fd, address, FfmScratch.current(), FfmSyscalls.INSTANCE);
            label = address;
        } finally {
            descriptor.end();
        }
    }

    @Override
    public void listen(int backlog) throws IOException {
        int fd = descriptor.begin();
        try {
            Connections.listen(this, fd, backlog, FfmSyscalls.INSTANCE);
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
            Connections.connect(this, fd, address, FfmScratch.current(), FfmSyscalls.INSTANCE);
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
            return Transfer.send(this, fd, src, FfmScratch.current(), FfmSyscalls.INSTANCE);
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
            return Transfer.receive(this, fd, dst, flags, call, FfmScratch.current(), FfmSyscalls.INSTANCE);
        } finally {
            descriptor.end(virtual);
        }
    }

    /** Whether a receive that returned 0 saw end of stream ({@link Transfer#endOfStream}). */
    boolean endOfStream(int fd) {
        return Transfer.endOfStream(this, fd, FfmSyscalls.INSTANCE);
    }

    /** Whether a DGRAM socket's reading side is shut down ({@link Transfer#dgramInputShutDown}). */
    boolean dgramInputShutDown(int fd) {
        return Transfer.dgramInputShutDown(this, fd, FfmSyscalls.INSTANCE);
    }

    @Override
    public int send(ByteBuffer src, Ancillary ancillary) throws IOException {
        if (ancillary.isEmpty()) {
            return send(src);
        }
        Messages.checkSend(src);
        boolean virtual = Thread.currentThread().isVirtual();
        int fd = beginIo(virtual);
        try {
            return Messages.send(this, fd, src, ancillary, FfmScratch.current(), FfmSyscalls.INSTANCE);
        } finally {
            descriptor.end(virtual);
        }
    }

    @Override
    public ReceivedMessage receiveMessage(ByteBuffer dst, int maxDescriptors) throws IOException {
        boolean virtual = Thread.currentThread().isVirtual();
        int fd = beginIo(virtual);
        try {
            return Messages.receive(this, fd, dst, maxDescriptors, FfmScratch.current(), FfmSyscalls.INSTANCE,
                    FfmUnixSocket::received);
        } finally {
            descriptor.end(virtual);
        }
    }

    @Override
    public int available() throws IOException {
        int fd = descriptor.begin();
        try {
            return Options.available(this, fd, FfmScratch.current(), FfmSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public PeerCredentials peerCredentials() throws IOException {
        int fd = descriptor.begin();
        try {
            return Options.peerCredentials(this, fd, FfmScratch.current(), FfmSyscalls.INSTANCE);
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
        FfmProvider.require(option.capability());
        int fd = descriptor.begin();
        try {
            Options.set(this, fd, option, value, FfmScratch.current(), FfmSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public <T> T getOption(UnixSocketOption<T> option) throws IOException {
        FfmProvider.require(option.capability());
        int fd = descriptor.begin();
        try {
            return Options.get(this, fd, option, FfmScratch.current(), FfmSyscalls.INSTANCE);
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
            return Options.address(this, fd, peer, FfmScratch.current(), FfmSyscalls.INSTANCE);
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
            Connections.shutdown(this, fd, how, call, FfmSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
    }

    // Addressed datagrams (Capability.ADDRESSED_DATAGRAMS): the core's AddressedDatagrams.

    @Override
    public int sendTo(ByteBuffer src, UnixAddress target) throws IOException {
        Datagrams.checkSend(type, target, label);
        boolean virtual = Thread.currentThread().isVirtual();
        int fd = beginIo(virtual);
        try {
            return AddressedDatagrams.sendTo(this, fd, src, target, FfmScratch.current(), FfmSyscalls.INSTANCE);
        } finally {
            descriptor.end(virtual);
        }
    }

    @Override
    public UnixAddress receiveFrom(ByteBuffer dst) throws IOException {
        Datagrams.checkType(type, Datagrams.RECVFROM, label);
        boolean virtual = Thread.currentThread().isVirtual();
        int fd = beginIo(virtual);
        try {
            return AddressedDatagrams.receiveFrom(this, fd, dst, FfmScratch.current(), FfmSyscalls.INSTANCE);
        } finally {
            descriptor.end(virtual);
        }
    }

    @Override
    public void disconnect() throws IOException {
        Datagrams.checkType(type, Datagrams.DISCONNECT, label);
        int fd = descriptor.begin();
        try {
            AddressedDatagrams.disconnect(this, fd, FfmScratch.current(), FfmSyscalls.INSTANCE);
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
