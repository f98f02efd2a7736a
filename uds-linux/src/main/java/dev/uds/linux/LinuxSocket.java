package dev.uds.linux;

import dev.uds.Ancillary;
import dev.uds.Capability;
import dev.uds.MessageBatch;
import dev.uds.PeerCredentials;
import dev.uds.PeerProcess;
import dev.uds.ReceivedMessage;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * A native backend's AF_UNIX socket of any type, on one descriptor that it owns: every
 * {@link UnixSocket} method written once, as the capability check, the descriptor held for the
 * call, and the core's flow ({@link Transfer}, {@link Messages}, {@link AddressedDatagrams},
 * {@link Connections}, {@link Options}, {@link Batches}) over the backend's binding and its
 * thread's scratch ({@link LinuxBackend}).
 *
 * <p>A backend's socket adds only what differs: how its threads wait for a connection to accept
 * ({@link #accept(int, Scratch)}), and where it has its own, the peer's credentials
 * ({@link #peerCredentials(int)}), the batch calls and the parking of threads
 * ({@link #awaitReady}).
 *
 * <p>Speed: one JVM loads one backend, so the binding and the scratch are final fields whose
 * class is the same at every call site, and the calls into the core are static; a call
 * allocates nothing here.
 */
public abstract class LinuxSocket extends InterruptibleSocket {
    private final Descriptor descriptor;
    private final SocketType type;
    private final LinuxBackend backend;
    /** The backend's binding and scratch per thread, copied: one field read away at each call. */
    private final Syscalls calls;
    private final ThreadLocal<? extends Scratch> scratch;
    /** What error messages name: the address bound, connected to or accepted at. */
    private volatile Object label;

    /**
     * A socket that owns its descriptor.
     *
     * @param backend    the backend
     * @param descriptor the descriptor, owned from now on
     * @param type       the socket's type
     * @param label      what errors name
     */
    protected LinuxSocket(LinuxBackend backend, Descriptor descriptor, SocketType type, Object label) {
        this.backend = backend;
        this.calls = backend.calls;
        this.scratch = backend.scratch;
        this.descriptor = descriptor;
        this.type = type;
        this.label = label;
    }

    @Override
    protected Descriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Object label() {
        return label;
    }

    @Override
    public final SocketType type() {
        return type;
    }

    @Override
    public final String backend() {
        return backend.name;
    }

    /**
     * Starts a call that may wait. A call of a thread that parks is counted as one
     * ({@link Descriptor#begin(boolean)}); and, as with {@code SocketChannel}, a thread that comes
     * in interrupted closes the socket and gets
     * {@link java.nio.channels.ClosedByInterruptException}.
     *
     * @param parks whether the thread parks ({@link Scratch#parks})
     * @return the descriptor, held until {@code descriptor().end(parks)}
     * @throws IOException if the socket is closed or the thread interrupted
     */
    public final int beginIo(boolean parks) throws IOException {
        int fd = descriptor.begin(parks);
        if (Thread.currentThread().isInterrupted()) {
            descriptor.end(parks);
            throw closeForInterrupt();
        }
        return fd;
    }

    @Override
    public final void bind(UnixAddress address) throws IOException {
        backend.requireFor(address, Capability.AUTOBIND);
        int fd = descriptor.begin();
        try {
            Connections.bind(this, fd, address, scratch.get(), calls);
            label = address;
        } finally {
            descriptor.end();
        }
    }

    @Override
    public final void listen(int backlog) throws IOException {
        int fd = descriptor.begin();
        try {
            Connections.listen(this, fd, backlog, calls);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public final UnixSocket accept() throws IOException {
        Scratch thread = scratch.get();
        boolean parks = thread.parks;
        int fd = beginIo(parks);
        try {
            return accept(fd, thread);
        } finally {
            descriptor.end(parks);
        }
    }

    /**
     * accept(2), as the backend's threads wait for a connection, the socket accepted
     * close-on-exec.
     *
     * @param fd      the descriptor, held
     * @param thread  the thread's scratch, which tells whether it parks
     * @return the socket accepted
     * @throws IOException as {@link #accept()}
     */
    protected abstract UnixSocket accept(int fd, Scratch thread) throws IOException;

    @Override
    public final void connect(UnixAddress address) throws IOException {
        backend.requireFor(address, null);
        Scratch thread = scratch.get();
        boolean parks = thread.parks;
        int fd = beginIo(parks);
        try {
            Connections.connect(this, fd, address, thread, calls);
            label = address;
        } finally {
            descriptor.end(parks);
        }
    }

    @Override
    public final int send(ByteBuffer src) throws IOException {
        Scratch thread = scratch.get();
        boolean parks = thread.parks;
        int fd = beginIo(parks);
        try {
            return Transfer.send(this, fd, src, thread, calls);
        } finally {
            descriptor.end(parks);
        }
    }

    @Override
    public final int write(ByteBuffer src) throws IOException {
        return send(src);
    }

    @Override
    public final int receive(ByteBuffer dst) throws IOException {
        return receive(dst, 0, "receive");
    }

    @Override
    public final int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            if (!isOpen()) {
                throw new ClosedChannelException();
            }
            return 0;
        }
        return receive(dst, 0, "read");
    }

    @Override
    public final int peek(ByteBuffer dst) throws IOException {
        backend.require(Capability.PEEK);
        return receive(dst, Linux.MSG_PEEK, "peek");
    }

    private int receive(ByteBuffer dst, int flags, String call) throws IOException {
        Scratch thread = scratch.get();
        boolean parks = thread.parks;
        int fd = beginIo(parks);
        try {
            return Transfer.receive(this, fd, dst, flags, call, thread, calls);
        } finally {
            descriptor.end(parks);
        }
    }

    @Override
    public final int send(ByteBuffer src, Ancillary ancillary) throws IOException {
        if (!ancillary.descriptorList().isEmpty()) {
            backend.require(Capability.DESCRIPTOR_PASSING);
        }
        if (ancillary.statedCredentials().isPresent()) {
            backend.require(Capability.CREDENTIAL_PASSING);
        }
        if (ancillary.isEmpty()) {
            return send(src);
        }
        Messages.checkSend(src);
        Scratch thread = scratch.get();
        boolean parks = thread.parks;
        int fd = beginIo(parks);
        try {
            return Messages.send(this, fd, src, ancillary, thread, calls);
        } finally {
            descriptor.end(parks);
        }
    }

    @Override
    public final ReceivedMessage receiveMessage(ByteBuffer dst, int maxDescriptors) throws IOException {
        if (maxDescriptors > 0) {
            backend.require(Capability.DESCRIPTOR_PASSING);
        }
        Scratch thread = scratch.get();
        boolean parks = thread.parks;
        int fd = beginIo(parks);
        try {
            return Messages.receive(this, fd, dst, maxDescriptors, thread, calls, backend.received);
        } finally {
            descriptor.end(parks);
        }
    }

    @Override
    public final int available() throws IOException {
        backend.require(Capability.BYTES_AVAILABLE);
        int fd = descriptor.begin();
        try {
            return Options.available(this, fd, scratch.get(), calls);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public final PeerCredentials peerCredentials() throws IOException {
        backend.require(Capability.PEER_CREDENTIALS);
        int fd = descriptor.begin();
        try {
            return peerCredentials(fd);
        } finally {
            descriptor.end();
        }
    }

    /**
     * {@code SO_PEERCRED} ({@link Options#peerCredentials}), for a backend that has no way of its own.
     *
     * @param fd the descriptor, held
     * @return the peer's credentials
     * @throws IOException as {@link #peerCredentials()}
     */
    protected PeerCredentials peerCredentials(int fd) throws IOException {
        return Options.peerCredentials(this, fd, scratch.get(), calls);
    }

    @Override
    public final PeerProcess peerProcess() throws IOException {
        backend.require(Capability.PEER_PIDFD);
        return PeerIdentity.peerProcess(descriptor, label, calls);
    }

    @Override
    public final String peerSecurityLabel() throws IOException {
        backend.require(Capability.PEER_SECURITY_LABEL);
        return PeerIdentity.securityLabel(descriptor, label, calls);
    }

    @Override
    public final <T> void setOption(UnixSocketOption<T> option, T value) throws IOException {
        backend.require(option.capability());
        int fd = descriptor.begin();
        try {
            Options.set(this, fd, option, value, scratch.get(), calls);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public final <T> T getOption(UnixSocketOption<T> option) throws IOException {
        backend.require(option.capability());
        int fd = descriptor.begin();
        try {
            return Options.get(this, fd, option, scratch.get(), calls);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public final UnixAddress localAddress() throws IOException {
        return address(false);
    }

    @Override
    public final UnixAddress remoteAddress() throws IOException {
        return address(true);
    }

    private UnixAddress address(boolean peer) throws IOException {
        int fd = descriptor.begin();
        try {
            return Options.address(this, fd, peer, scratch.get(), calls);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public final void shutdownInput() throws IOException {
        shutdown(Linux.SHUT_RD, "shutdown SHUT_RD");
    }

    @Override
    public final void shutdownOutput() throws IOException {
        shutdown(Linux.SHUT_WR, "shutdown SHUT_WR");
    }

    private void shutdown(int how, String call) throws IOException {
        int fd = descriptor.begin();
        try {
            Connections.shutdown(this, fd, how, call, calls);
        } finally {
            descriptor.end();
        }
    }

    @Override
    public final int sendTo(ByteBuffer src, UnixAddress target) throws IOException {
        backend.require(Capability.ADDRESSED_DATAGRAMS);
        backend.requireFor(target, null);
        Datagrams.checkSend(type, target, label);
        Scratch thread = scratch.get();
        boolean parks = thread.parks;
        int fd = beginIo(parks);
        try {
            return AddressedDatagrams.sendTo(this, fd, src, target, thread, calls);
        } finally {
            descriptor.end(parks);
        }
    }

    @Override
    public final UnixAddress receiveFrom(ByteBuffer dst) throws IOException {
        backend.require(Capability.ADDRESSED_DATAGRAMS);
        Datagrams.checkType(type, Datagrams.RECVFROM, label);
        Scratch thread = scratch.get();
        boolean parks = thread.parks;
        int fd = beginIo(parks);
        try {
            return AddressedDatagrams.receiveFrom(this, fd, dst, thread, calls);
        } finally {
            descriptor.end(parks);
        }
    }

    @Override
    public final void disconnect() throws IOException {
        backend.require(Capability.ADDRESSED_DATAGRAMS);
        Datagrams.checkType(type, Datagrams.DISCONNECT, label);
        int fd = descriptor.begin();
        try {
            AddressedDatagrams.disconnect(this, fd, scratch.get(), calls);
        } finally {
            descriptor.end();
        }
        // Errors no longer name the peer, but this socket's own address.
        label = localAddress();
    }

    // Message batches (sendmmsg, recvmmsg): the core's blocking flow, which a backend with a
    // cheaper first try overrides.

    @Override
    public int sendBatch(MessageBatch batch, int offset, int count) throws IOException {
        return BlockingBatches.send(this, backend, batch, offset, count);
    }

    @Override
    public int receiveBatch(MessageBatch batch, int offset, int count) throws IOException {
        return BlockingBatches.receive(this, backend, batch, offset, count);
    }

    @Override
    public String toString() {
        return backend.name + " " + type + " socket " + label + (isOpen() ? "" : " (closed)");
    }
}
