package dev.uds.backend.jdk;

import dev.uds.Capability;
import dev.uds.Errno;
import dev.uds.PeerCredentials;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import dev.uds.internal.Errors;
import dev.uds.internal.ListenBacklog;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A STREAM socket over the JDK's channels.
 *
 * <p>The JDK splits what unix(7) calls one socket in two: a {@link SocketChannel} that binds and
 * connects, and a {@link ServerSocketChannel} that binds and listens in one call. This socket
 * starts as a {@code SocketChannel}, so that {@link #bind} creates the socket file and fails
 * with {@code EADDRINUSE} where {@code bind(2)} would; {@link #listen} then takes a
 * {@code ServerSocketChannel} in its place ({@link ListeningChannel}).
 *
 * <p>The JDK's channels have no timeouts: {@link JdkTimeouts} adds them. A thread interrupted in
 * a call closes the JDK's channel, and with it this whole socket.
 */
final class JdkUnixSocket implements UnixSocket, JdkTimeouts.Owner {
    private final Object stateLock = new Object();
    private final JdkTimeouts timeouts = new JdkTimeouts(this);
    /** The connecting or connected channel; null once listening. */
    private volatile SocketChannel channel;
    /** The listening channel, once {@link #listen} has run. */
    private volatile ServerSocketChannel server;
    /** The address bound, for messages and for {@link #listen}; null when unbound. */
    private volatile UnixAddress.Pathname boundPath;
    /** The address connected to, as given: the JDK may report a shortened one (see {@link ShortPath}). */
    private volatile UnixAddress connectedTo;
    private volatile boolean closed;
    /** Set once shutdownOutput succeeded: the JDK then refuses writes, which send(2) reports as EPIPE. */
    private volatile boolean outputShutDown;

    private final FreshChannels freshChannels = new FreshChannels();

    JdkUnixSocket() throws IOException {
        this(openChannel(), null);
    }

    /** An accepted connection, whose local address is the listening socket's. */
    private JdkUnixSocket(SocketChannel channel, UnixAddress.Pathname boundPath) {
        this.channel = channel;
        this.boundPath = boundPath;
    }

    static SocketChannel openChannel() throws IOException {
        try {
            return SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw JdkErrors.translate("socket", null, e);
        }
    }

    @Override
    public SocketType type() {
        return SocketType.STREAM;
    }

    @Override
    public String backend() {
        return JdkProvider.NAME;
    }

    @Override
    public void bind(UnixAddress address) throws IOException {
        UnixAddress.Pathname path = JdkAddresses.pathOf(address, Capability.AUTOBIND);
        synchronized (stateLock) {
            SocketChannel c = connectingChannel("bind", address);
            if (boundPath != null) {
                throw Errors.exception("bind", address, Errno.EINVAL.number(), "already bound to " + boundPath);
            }
            try {
                ShortPath.call(path, c::bind);
            } catch (IOException e) {
                throw JdkErrors.translate("bind", address, e);
            }
            boundPath = path;
        }
    }

    @Override
    public void listen(int backlog) throws IOException {
        synchronized (stateLock) {
            ensureOpen();
            ListenBacklog.checked(backlog);
            if (server != null) {
                return; // listen(2) on a listening socket only changes the backlog; the JDK cannot
            }
            if (boundPath == null) {
                throw Errors.exception("listen", UnixAddress.unnamed(), Errno.EINVAL.number(),
                        "bind the socket first: the jdk backend cannot autobind");
            }
            if (channel.isConnected()) {
                throw Errors.exception("listen", boundPath, Errno.EINVAL.number(), "the socket is connected");
            }
            ServerSocketChannel listening;
            try {
                listening = ListeningChannel.replace(channel, boundPath, backlog);
            } catch (IOException e) {
                closed = true; // the bound channel is gone: this socket cannot go back to how it was
                throw e;
            }
            server = listening;
            channel = null;
            timeouts.adopt(listening);
        }
    }

    @Override
    public UnixSocket accept() throws IOException {
        ServerSocketChannel s = server;
        if (s == null) {
            ensureOpen();
            throw Errors.exception("accept", localAddress(), Errno.EINVAL.number(), "the socket is not listening");
        }
        try {
            return new JdkUnixSocket(timeouts.active() ? timeouts.accept(s) : s.accept(), boundPath);
        } catch (ClosedByInterruptException e) {
            throw closedBy(e);
        } catch (IOException e) {
            throw JdkErrors.translate("accept", boundPath, e);
        }
    }

    /**
     * Connects without blocking, since AF_UNIX connects at once or fails with EAGAIN when the
     * listener's backlog is full; a blocking connect would wait there deaf to the send timeout.
     * On EAGAIN the connect is tried again after {@link FullBacklogPauses}; an interrupt (it
     * unparks the thread) or a close (seen at the next try) cut them short. The JDK closes a channel whose connect failed, so each try
     * after the first takes a fresh channel ({@link #replaceFailedChannel}).
     */
    @Override
    public void connect(UnixAddress address) throws IOException {
        UnixAddress.Pathname path = JdkAddresses.pathOf(address, Capability.ABSTRACT_NAMESPACE);
        FullBacklogPauses pauses = null; // made at the first EAGAIN
        while (true) {
            SocketChannel c;
            synchronized (stateLock) {
                c = connectingChannel("connect", address);
            }
            // A non-blocking channel ignores interrupts: the flag is honoured here, as a blocking connect would.
            throwIfInterrupted();
            try {
                c.configureBlocking(false);
                ShortPath.call(path, c::connect);
                connectedTo = address;
                synchronized (stateLock) {
                    c.configureBlocking(true);
                    timeouts.adopt(c);
                }
                return;
            } catch (ClosedByInterruptException e) {
                throw closedBy(e);
            } catch (ClosedChannelException e) {
                throw closed ? new AsynchronousCloseException() : e;
            } catch (IOException e) {
                IOException translated = JdkErrors.translate("connect", address, e);
                if (!(translated instanceof dev.uds.NativeError n && n.errno() == Errno.EAGAIN.number())) {
                    throw translated;
                }
            }
            replaceFailedChannel(address);
            if (pauses == null) {
                pauses = new FullBacklogPauses(timeouts.get(UnixSocketOption.SEND_TIMEOUT));
            }
            if (!pauses.pause()) {
                throw Errors.exception("connect", address, Errno.EAGAIN.number());
            }
            throwIfInterrupted();
            if (closed) {
                throw new AsynchronousCloseException();
            }
        }
    }

    /** Takes a fresh channel for the one the JDK closed when its connect failed; see {@link FreshChannels}. */
    private void replaceFailedChannel(UnixAddress address) throws IOException {
        synchronized (stateLock) {
            ensureOpen();
            try {
                channel = freshChannels.open(boundPath);
            } catch (IOException e) {
                closed = true; // the old channel is closed, and no other could take its place
                throw JdkErrors.translate("connect", address, e);
            }
        }
    }

    /** A call made with the interrupt flag set, or interrupted in a pause, closes the socket. */
    private void throwIfInterrupted() throws ClosedByInterruptException {
        if (Thread.currentThread().isInterrupted()) {
            throw closedBy(new ClosedByInterruptException());
        }
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        SocketChannel c = connected("send");
        int total = 0;
        try {
            if (timeouts.active()) {
                total = timeouts.write(c, src);
            } else {
                while (src.hasRemaining()) {
                    total += c.write(src);
                }
            }
        } catch (ClosedByInterruptException e) {
            throw closedBy(e);
        } catch (ClosedChannelException e) {
            if (outputShutDown && !closed) {
                // The JDK refuses the write itself (ClosedChannelException, or AsynchronousCloseException
                // on Java 25); send(2) on such a socket is EPIPE, as the other backends say.
                throw Errors.exception("send", remoteForMessage(), Errno.EPIPE.number());
            }
            throw e;
        } catch (IOException e) {
            throw JdkErrors.translate("send", remoteForMessage(), e);
        }
        return total;
    }

    @Override
    public int receive(ByteBuffer dst) throws IOException {
        SocketChannel c = connected("receive");
        try {
            return timeouts.active() ? timeouts.read(c, dst) : c.read(dst);
        } catch (ClosedByInterruptException e) {
            throw closedBy(e);
        } catch (IOException e) {
            throw JdkErrors.translate("receive", remoteForMessage(), e);
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return receive(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return send(src);
    }

    @Override
    public PeerCredentials peerCredentials() throws IOException {
        return JdkOptions.peerCredentials(this, connected("peer credentials"));
    }

    @Override
    public UnixAddress localAddress() throws IOException {
        ensureOpen();
        return boundPath == null ? UnixAddress.unnamed() : boundPath;
    }

    @Override
    public UnixAddress remoteAddress() throws IOException {
        return JdkAddresses.remote(connected("getpeername"), connectedTo);
    }

    @Override
    public void shutdownInput() throws IOException {
        try {
            connected("shutdown SHUT_RD").shutdownInput();
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            throw JdkErrors.translate("shutdown SHUT_RD", remoteForMessage(), e);
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        try {
            connected("shutdown SHUT_WR").shutdownOutput();
            outputShutDown = true;
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            throw JdkErrors.translate("shutdown SHUT_WR", remoteForMessage(), e);
        }
    }

    @Override
    public <T> void setOption(UnixSocketOption<T> option, T value) throws IOException {
        if (JdkTimeouts.isTimeout(option)) {
            synchronized (stateLock) {
                timeouts.set(option, (Duration) value, current());
            }
        } else {
            JdkOptions.set(current(), option, value, localAddress());
            if (server == null) {
                freshChannels.sizeSet(option, value);
            }
        }
    }

    @Override
    public <T> T getOption(UnixSocketOption<T> option) throws IOException {
        NetworkChannel c = current();
        return JdkTimeouts.isTimeout(option) ? option.type().cast(timeouts.get(option))
                : JdkOptions.get(c, option, localAddress());
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    /** Closes the channel, which ends calls blocked on it with {@code AsynchronousCloseException}. */
    @Override
    public void close() throws IOException {
        synchronized (stateLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // The timeouts' selectors first: a call waiting in one then sees the socket closed.
        try (NetworkChannel a = channel; NetworkChannel b = server) {
            timeouts.close();
        }
    }

    /** The JDK closed the channel of an interrupted call: the rest of the socket goes with it. */
    private ClosedByInterruptException closedBy(ClosedByInterruptException e) {
        try {
            close();
        } catch (IOException suppressed) {
            e.addSuppressed(suppressed);
        }
        return e;
    }

    @Override
    public Object target() {
        return server != null ? boundPath : remoteForMessage();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    private NetworkChannel current() throws ClosedChannelException {
        ensureOpen();
        NetworkChannel s = server;
        return s != null ? s : channel;
    }

    /** The channel that binds and connects; an error if the socket listens already. */
    private SocketChannel connectingChannel(String call, UnixAddress address) throws IOException {
        ensureOpen();
        SocketChannel c = channel;
        if (c == null) {
            throw Errors.exception(call, address, Errno.EINVAL.number(), "the socket is listening");
        }
        return c;
    }

    private SocketChannel connected(String call) throws IOException {
        ensureOpen();
        SocketChannel c = channel;
        if (c == null || !c.isConnected()) {
            throw Errors.exception(call, boundPath, Errno.ENOTCONN.number());
        }
        return c;
    }

    /** The peer's address for an error message, as given to connect if it was. */
    Object remoteForMessage() {
        return JdkAddresses.remoteForMessage(channel, connectedTo);
    }
}
