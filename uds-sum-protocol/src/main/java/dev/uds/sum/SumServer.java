package dev.uds.sum;

import dev.uds.Capability;
import dev.uds.PeerCredentials;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sum server of unix(7), without the example's faults: concurrent sessions up to a limit, an
 * idle timeout, error replies for bad input, no theft of a live server's socket, {@code DOWN} only
 * from its own user or root, and its socket file removed on every way out. A listening socket it
 * was given instead ({@link #serve}, as systemd passes one) is served the same way, and its file
 * is left to its maker.
 *
 * <pre>{@code
 * SumServer server = SumServer.start(SumServerConfig.defaults());
 * server.awaitStop();          // until a client sends DOWN, or stop() is called
 * }</pre>
 *
 * @see SumClient
 * @see "unix(7): EXAMPLES"
 */
public final class SumServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SumServer.class.getName());

    private final SumServerConfig config;
    private final UnixSocket listener;
    private final ListenerEndpoint endpoint;
    private final Semaphore permits;
    private final Map<SumSession, Thread> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final ThreadFactory sessionThreads = SessionThreads.factory();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch stoppingBegun = new CountDownLatch(1);
    private final AtomicLong sessionIds = new AtomicLong();
    private final StopMarker stopMarker;
    /** Whether the acceptor serves a session that has all arrived itself (SumSession#serveWithoutWaiting). */
    private final boolean servesArrivedSessions;
    private volatile long stopDeadline;

    private SumServer(SumServerConfig config, UnixSocket listener, ListenerEndpoint endpoint) {
        this.config = config;
        this.listener = listener;
        this.endpoint = endpoint;
        this.permits = new Semaphore(config.maxClients());
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "uds-sum-timer");
            thread.setDaemon(true);
            return thread;
        });
        // A session's expiry is cancelled when the session ends, mostly long before it is due.
        // Left in the queue until then, each would keep its session and socket reachable for the
        // rest of the idle timeout: at thousands of sessions a second, more than the heap holds.
        timer.setRemoveOnCancelPolicy(true);
        this.timer = timer;
        this.stopMarker = new StopMarker(listener, config, endpoint);
        this.servesArrivedSessions = UnixDomain.backend(listener.backend()).supports(Capability.BYTES_AVAILABLE);
    }

    /**
     * Creates the socket file and starts serving on a thread of its own.
     *
     * @param config how to run
     * @return the running server
     * @throws ServerAlreadyRunningException       if a server answers at the path
     * @throws dev.uds.AddressTooLongException     if the path is too long for {@code sun_path}
     * @throws java.nio.file.FileAlreadyExistsException if a file that is not a socket is there, or
     *                                             a symbolic link (it is neither followed nor removed)
     * @throws java.nio.file.FileSystemException  if a directory of the path is a symbolic link: no
     *                                             link in the path is followed
     * @throws dev.uds.BackendSelectionException   if the backend is unknown or lacks the type
     * @throws IOException                         for any other failure; nothing is left behind
     */
    public static SumServer start(SumServerConfig config) throws IOException {
        SocketFile.Bound bound = SocketFile.listen(new BackendChoice(config.backend()), config.type(),
                config.socket(), config.mode(), config.backlog());
        return new SumServer(config, bound.listener(), bound.file())
                .startAccepting(", listen backlog " + config.backlog());
    }

    /**
     * Serves a listening socket the server did not make, such as one systemd passed
     * (socket activation): its address belongs to whoever made it, and the server leaves it as it
     * is at stop. {@code config.socket()} and {@code config.mode()} are not used.
     *
     * @param listener a listening socket of {@code config.type()}; the server owns it from then on
     * @param config   how to run
     * @return the running server
     * @throws IllegalArgumentException if the socket's type is not {@code config.type()}
     * @throws IOException              if the socket's address cannot be read
     */
    public static SumServer serve(UnixSocket listener, SumServerConfig config) throws IOException {
        if (listener.type() != config.type()) {
            throw new IllegalArgumentException("the inherited socket is " + listener.type() + ", not " + config.type()
                    + " as configured");
        }
        // Its backlog is its maker's (systemd's Backlog=).
        return new SumServer(config, listener, InheritedListener.of(listener)).startAccepting("");
    }

    private SumServer startAccepting(String backlog) {
        Thread acceptor = new Thread(this::acceptLoop, "uds-sum-acceptor");
        acceptor.start();
        LOG.log(Level.INFO, "serving " + config.type() + " at " + endpoint.description() + " on the "
                + listener.backend() + " backend, up to " + config.maxClients() + " clients"
                + (SessionThreads.virtual() ? " on virtual threads" : "") + backlog);
        return this;
    }

    /**
     * How the server runs.
     *
     * @return the configuration it was started with
     */
    public SumServerConfig config() {
        return config;
    }

    /**
     * The socket file's path.
     *
     * @return the path; for a socket it was given ({@link #serve}), its path, or null if it has
     *         none (an abstract name)
     */
    public Path socket() {
        return endpoint.path();
    }

    /**
     * The backend the server listens on.
     *
     * @return its name
     */
    public String backend() {
        return listener.backend();
    }

    /**
     * Stops the server, as {@code DOWN} does: the socket file is removed, so no new client can
     * connect; sessions in flight, and clients that connected before and still wait to be
     * accepted, finish, or are answered with {@link ErrorReply#SHUTTING_DOWN} once the shut-down
     * grace has passed. Returns at once; see {@link #awaitStop()}. Calling it again does nothing.
     */
    public void stop() {
        if (!beginStopping()) {
            return;
        }
        UnixAddress withdrawn = endpoint.withdraw();
        if (withdrawn == null) {
            closeListener(); // the listener cannot be reached any more: waiting clients are reset
            return;
        }
        stopMarker.queue(withdrawn, this::closeListener);
    }

    /** Marks the server stopping and removes its socket file; false if it was already stopping. */
    private boolean beginStopping() {
        if (!stopping.compareAndSet(false, true)) {
            return false;
        }
        stopDeadline = System.nanoTime() + config.shutdownGrace().toNanos();
        stoppingBegun.countDown();
        LOG.log(Level.INFO, "stopping: " + sessions.size() + " sessions in flight");
        sessions.keySet().forEach(SumSession::scheduleExpiry);
        return true;
    }

    /**
     * Whether {@link #stop()} was called or {@code DOWN} was received.
     *
     * @return true once stopping has begun
     */
    public boolean isStopping() {
        return stopping.get();
    }

    /**
     * Waits until the server begins to stop: {@link #stop()}, {@code DOWN}, or a failure of its
     * listening socket. A service reports {@code STOPPING=1} then.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitStopping() throws InterruptedException {
        stoppingBegun.await();
    }

    /**
     * Waits until the server has stopped: every session ended and the socket file removed.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Waits at most {@code timeout} for the server to stop.
     *
     * @param timeout how long to wait
     * @return true if it stopped
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops the server and waits until it has.
     */
    @Override
    public void close() {
        stop();
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        try {
            while (true) {
                // Once stopping, the clients still in the backlog are served whatever the limit:
                // each is answered within the shut-down grace.
                if (!stopping.get() && !permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                UnixSocket connection;
                try {
                    connection = listener.accept();
                } catch (ClosedChannelException e) {
                    break;
                } catch (IOException e) {
                    if (stopping.get()) {
                        break;
                    }
                    permits.release();
                    LOG.log(Level.WARNING, "accept failed, retrying: " + e.getMessage());
                    Thread.sleep(100);
                    continue;
                }
                if (stopping.get() && stopMarker.is(connection)) {
                    closeQuietly(connection);
                    break;
                }
                startSession(connection);
            }
        } catch (InterruptedException e) {
            LOG.log(Level.WARNING, "the acceptor was interrupted; stopping");
            Thread.currentThread().interrupt();
        } finally {
            if (beginStopping()) {
                endpoint.remove(); // stopped by a failure, not stop(): no marker to wait for
            }
            closeListener();
            stopMarker.finish();
            endpoint.removeWithdrawn();
            awaitSessions();
            timer.shutdownNow();
            LOG.log(Level.INFO, "stopped; " + endpoint.description() + " " + endpoint.fateAtStop());
            stopped.countDown();
        }
    }

    static void closeQuietly(UnixSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing a socket while stopping: " + e.getMessage());
        }
    }

    private void startSession(UnixSocket connection) {
        SumSession session = new SumSession(this, connection, sessionIds.incrementAndGet());
        if (servesArrivedSessions && session.serveWithoutWaiting()) {
            return;
        }
        Thread thread = sessionThreads.newThread(session);
        sessions.put(session, thread);
        session.scheduleExpiry();
        thread.start();
    }

    private void awaitSessions() {
        for (Thread thread : sessions.values()) {
            try {
                // Each session ends by its END, its client leaving, or the grace's expiry.
                thread.join();
            } catch (InterruptedException e) {
                LOG.log(Level.WARNING, "interrupted while sessions finish; leaving " + sessions.size());
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the listening socket: " + e.getMessage());
        }
    }

    void sessionEnded(SumSession session) {
        sessions.remove(session);
        permits.release();
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /**
     * Nanoseconds until a session last active at {@code lastActivity} is ended: by the idle
     * timeout, or by the grace after a stop; {@link Long#MAX_VALUE} for never.
     */
    long nanosUntilExpiry(long lastActivity) {
        long now = System.nanoTime();
        long until = Long.MAX_VALUE;
        if (!config.idleTimeout().isZero()) {
            until = lastActivity + config.idleTimeout().toNanos() - now;
        }
        if (stopping.get()) {
            until = Math.min(until, stopDeadline - now);
        }
        return until;
    }

    /** Whether the session's peer may stop the server: the server's own uid, or root. */
    boolean allowsDown(UnixSocket session, long id) {
        try {
            PeerCredentials peer = session.peerCredentials();
            boolean allowed = peer.uid() == 0 || peer.uid() == endpoint.ownerUid();
            if (!allowed) {
                LOG.log(Level.INFO, "session " + id + ": DOWN refused to " + peer
                        + " (allowed: uid " + endpoint.ownerUid() + " and root)");
            }
            return allowed;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.INFO, "session " + id + ": DOWN refused: the peer's uid is unknown (" + e.getMessage() + ")");
            return false;
        }
    }
}
