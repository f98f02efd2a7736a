package dev.uds.backend.jnr;

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
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.internal.Errors;
import dev.uds.linux.AddressedDatagrams;
import dev.uds.linux.Connections;
import dev.uds.linux.Datagrams;
import dev.uds.linux.Descriptor;
import dev.uds.linux.InterruptibleSocket;
import dev.uds.linux.Linux;
import dev.uds.linux.LinuxErrors;
import dev.uds.linux.LinuxReceivedDescriptor;
import dev.uds.linux.Messages;
import dev.uds.linux.Options;
import dev.uds.linux.PeerIdentity;
import dev.uds.linux.Transfer;
import dev.uds.linux.Ucred;
import java.io.IOException;
import java.nio.ByteBuffer;
import jnr.unixsocket.Credentials;
import jnr.unixsocket.UnixSocketChannel;
import jnr.unixsocket.UnixSocketOptions;

/**
 * An AF_UNIX socket of any type, on one descriptor that this object owns.
 *
 * <p>unix(7) has one socket that binds, then listens or connects; jnr-unixsocket, like the JDK,
 * splits it into a server channel that binds and listens in one call and a client channel, and
 * its datagram channel's {@code connect} only records the address. So the socket calls
 * {@code socket}, {@code bind}, {@code listen}, {@code accept4}, {@code connect} and the data
 * calls itself through jnr-ffi ({@link JnrLibc}), and asks jnr-unixsocket for what it does on any
 * descriptor: the peer's credentials.
 *
 * <p>End of stream: 0 from {@code recv} is end of stream for STREAM. For DGRAM and SEQPACKET it
 * is also the length of an empty message, so {@code poll(2)} is asked for {@code POLLRDHUP}: with
 * the reading side shut down (here, or by a SEQPACKET peer's close) it is end of stream, -1;
 * otherwise an empty message, 0.
 */
final class JnrUnixSocket extends InterruptibleSocket {
    private final Descriptor descriptor;
    private final SocketType type;
    /** What error messages name: the address bound, connected to or accepted at. */
    private volatile Object label;

    JnrUnixSocket(int fd, SocketType type, Object label) {
        this.descriptor = new Descriptor(fd, JnrSyscalls.INSTANCE);
        this.type = type;
        this.label = label;
    }

    /** A descriptor received with SCM_RIGHTS, adopted as a socket of this backend. */
    static ReceivedDescriptor received(int fd) {
        return new LinuxReceivedDescriptor(fd, JnrSyscalls.INSTANCE, JnrUnixSocket::new);
    }

    @Override
    public SocketType type() {
        return type;
    }

    @Override
    public String backend() {
        return JnrProvider.NAME;
    }

    @Override
    protected Descriptor descriptor() {
        return descriptor;
    }

    /**
     * Starts a call that may block: as with {@code SocketChannel}, a thread that comes in
     * interrupted closes the socket and gets {@link java.nio.channels.ClosedByInterruptException}.
     */
    int beginIo() throws IOException {
        int fd = descriptor.begin();
        if (Thread.currentThread().isInterrupted()) {
            descriptor.end();
            throw closeForInterrupt();
        }
        return fd;
    }

    @Override
    public Object label() {
        return label;
    }

    @Override
    public void bind(UnixAddress address) throws IOException {
        requireFor(address, Capability.AUTOBIND);
        int fd = descriptor.begin();
        try {
            Connections.bind(this, fd, address, JnrScratch.get(), JnrSyscalls.INSTANCE);
            label = address;
        } finally {
            descriptor.end();
        }
    }

    @Override
    public void listen(int backlog) throws IOException {
        int fd = descriptor.begin();
        try {
            Connections.listen(this, fd, backlog, JnrSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public UnixSocket accept() throws IOException {
        int fd = beginIo();
        try {
            return JnrConnections.accept(this, fd);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public void connect(UnixAddress address) throws IOException {
        requireFor(address, null);
        int fd = beginIo();
        try {
            Connections.connect(this, fd, address, JnrScratch.get(), JnrSyscalls.INSTANCE);
            label = address;
        } finally {
            descriptor.end();
        }
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        int fd = beginIo();
        try {
            return Transfer.send(this, fd, src, JnrScratch.get(), JnrSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
    }

    /** Refuses an address of a kind whose capability is undeclared; {@code forUnnamed} null: none needed. */
    static void requireFor(UnixAddress address, Capability forUnnamed) {
        if (address instanceof UnixAddress.Abstract) {
            JnrProvider.require(Capability.ABSTRACT_NAMESPACE);
        } else if (address instanceof UnixAddress.Unnamed && forUnnamed != null) {
            JnrProvider.require(forUnnamed);
        }
    }

    @Override
    public int receive(ByteBuffer dst) throws IOException {
        return receive(dst, 0, "receive");
    }

    @Override
    public int peek(ByteBuffer dst) throws IOException {
        JnrProvider.require(Capability.PEEK);
        return receive(dst, Linux.MSG_PEEK, "peek");
    }

    private int receive(ByteBuffer dst, int flags, String call) throws IOException {
        int fd = beginIo();
        try {
            return Transfer.receive(this, fd, dst, flags, call, JnrScratch.get(), JnrSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            descriptor.begin();
            descriptor.end();
            return 0;
        }
        return receive(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return send(src);
    }

    @Override
    public int send(ByteBuffer src, Ancillary ancillary) throws IOException {
        if (!ancillary.descriptorList().isEmpty()) {
            JnrProvider.require(Capability.DESCRIPTOR_PASSING);
        }
        if (ancillary.statedCredentials().isPresent()) {
            JnrProvider.require(Capability.CREDENTIAL_PASSING);
        }
        if (ancillary.isEmpty()) {
            return send(src);
        }
        Messages.checkSend(src);
        int fd = beginIo();
        try {
            return Messages.send(this, fd, src, ancillary, JnrScratch.get(), JnrSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public ReceivedMessage receiveMessage(ByteBuffer dst, int maxDescriptors) throws IOException {
        if (maxDescriptors > 0) {
            JnrProvider.require(Capability.DESCRIPTOR_PASSING);
        }
        int fd = beginIo();
        try {
            return Messages.receive(this, fd, dst, maxDescriptors, JnrScratch.get(), JnrSyscalls.INSTANCE,
                    JnrUnixSocket::received);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public PeerProcess peerProcess() throws IOException {
        JnrProvider.require(Capability.PEER_PIDFD);
        return PeerIdentity.peerProcess(descriptor, label(), JnrSyscalls.INSTANCE);
    }

    @Override
    public String peerSecurityLabel() throws IOException {
        JnrProvider.require(Capability.PEER_SECURITY_LABEL);
        return PeerIdentity.securityLabel(descriptor, label(), JnrSyscalls.INSTANCE);
    }

    @Override
    public PeerCredentials peerCredentials() throws IOException {
        JnrProvider.require(Capability.PEER_CREDENTIALS);
        int fd = descriptor.begin();
        try {
            return peerCredentials(fd);
        } finally {
            descriptor.end();
        }
    }

    /** SO_PEERCRED through jnr-unixsocket's {@link Credentials}, on a channel that only borrows the descriptor. */
    private PeerCredentials peerCredentials(int fd) throws IOException {
        try {
            // fromFD wraps the descriptor without owning it: the wrapper is never closed, so it
            // never closes or shuts down this socket.
            Credentials peer = UnixSocketChannel.fromFD(fd).getOption(UnixSocketOptions.SO_PEERCRED);
            // The core's rule for pid 0, as on ffm: no peer is ENOTCONN, an unnamed pid none.
            return Ucred.peer(peer.getPid(), peer.getUid(), peer.getGid())
                    .orElseThrow(() -> LinuxErrors.noPeer(label));
        } catch (UnsupportedOperationException e) {
            // jnr-unixsocket's way of reporting that getsockopt(2) failed, with strerror text.
            throw JnrErrors.translate("getsockopt SO_PEERCRED", label, e);
        }
    }

    @Override
    public UnixAddress localAddress() throws IOException {
        return name(true);
    }

    @Override
    public UnixAddress remoteAddress() throws IOException {
        return name(false);
    }

    private UnixAddress name(boolean local) throws IOException {
        int fd = descriptor.begin();
        try {
            return Options.address(this, fd, !local, JnrScratch.get(), JnrSyscalls.INSTANCE);
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
            Connections.shutdown(this, fd, how, call, JnrSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public int available() throws IOException {
        JnrProvider.require(Capability.BYTES_AVAILABLE);
        int fd = descriptor.begin();
        try {
            return Options.available(this, fd, JnrScratch.get(), JnrSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public <T> void setOption(UnixSocketOption<T> option, T value) throws IOException {
        JnrProvider.require(option.capability());
        int fd = descriptor.begin();
        try {
            Options.set(this, fd, option, value, JnrScratch.get(), JnrSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public <T> T getOption(UnixSocketOption<T> option) throws IOException {
        JnrProvider.require(option.capability());
        int fd = descriptor.begin();
        try {
            return Options.get(this, fd, option, JnrScratch.get(), JnrSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
    }

    // Addressed datagrams (Capability.ADDRESSED_DATAGRAMS): the core's AddressedDatagrams.

    @Override
    public int sendTo(ByteBuffer src, UnixAddress target) throws IOException {
        JnrProvider.require(Capability.ADDRESSED_DATAGRAMS);
        requireFor(target, null);
        Datagrams.checkSend(type, target, label);
        int fd = beginIo();
        try {
            return AddressedDatagrams.sendTo(this, fd, src, target, JnrScratch.get(), JnrSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public UnixAddress receiveFrom(ByteBuffer dst) throws IOException {
        JnrProvider.require(Capability.ADDRESSED_DATAGRAMS);
        Datagrams.checkType(type, Datagrams.RECVFROM, label);
        int fd = beginIo();
        try {
            return AddressedDatagrams.receiveFrom(this, fd, dst, JnrScratch.get(), JnrSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public void disconnect() throws IOException {
        JnrProvider.require(Capability.ADDRESSED_DATAGRAMS);
        Datagrams.checkType(type, Datagrams.DISCONNECT, label);
        int fd = descriptor.begin();
        try {
            AddressedDatagrams.disconnect(this, fd, JnrScratch.get(), JnrSyscalls.INSTANCE);
        } finally {
            descriptor.end();
        }
        // Errors no longer name the peer, but this socket's own address.
        label = localAddress();
    }

    // ---- Message batches (sendmmsg, recvmmsg): JnrBatches, on the core's flow ----

    @Override
    public int sendBatch(MessageBatch batch, int offset, int count) throws IOException {
        return JnrBatches.send(this, batch, offset, count);
    }

    @Override
    public int receiveBatch(MessageBatch batch, int offset, int count) throws IOException {
        return JnrBatches.receive(this, batch, offset, count);
    }
}
