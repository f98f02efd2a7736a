package dev.uds.sum;

import dev.uds.BrokenPipeException;
import dev.uds.ConnectionResetException;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's session: reads its messages to {@code END} (or end of stream), then sends the one
 * reply. A timer ends it early with an error reply when it idles or the server stops; closing
 * the socket is what unblocks the session's receive, so no backend timeout is needed.
 */
final class SumSession implements Runnable {
    private static final System.Logger LOG = System.getLogger(SumSession.class.getName());

    private final SumServer server;
    private final UnixSocket socket;
    private final long id;
    private final AtomicBoolean replied = new AtomicBoolean();
    private final long started = System.nanoTime();
    private final SessionTally tally = new SessionTally();
    private final MessageReader reader;
    private int messages;
    private volatile long lastActivity = started;
    private ScheduledFuture<?> expiry;

    SumSession(SumServer server, UnixSocket socket, long id) {
        this.server = server;
        this.socket = socket;
        this.id = id;
        this.reader = MessageReader.of(socket);
    }

    /**
     * Serves what the client has sent already, without waiting for more: where the whole
     * session has arrived by the time it is accepted, as it has under load, the acceptor serves
     * it itself, which costs a fraction of a new thread's start and hand-off. Only on a backend
     * with {@link dev.uds.Capability#BYTES_AVAILABLE}, which tells whether a receive would wait.
     *
     * @return true if the session ended; false if it waits for more, to go on in {@link #run()}
     *         on a thread of its own
     */
    boolean serveWithoutWaiting() {
        String outcome = "failed";
        try {
            Frame frame;
            while ((frame = reader.poll()) != MessageReader.PENDING) {
                if (take(frame)) {
                    outcome = replyOutcome();
                    return true;
                }
            }
            outcome = null;
            return false;
        } catch (ClosedChannelException e) {
            outcome = "expired";
            return true;
        } catch (IOException e) {
            outcome = "ended by the client: " + e.getMessage();
            return true;
        } catch (RuntimeException e) {
            // In the acceptor's thread: a bug of one session must not stop the server.
            LOG.log(Level.WARNING, "session " + id + " failed", e);
            return true;
        } finally {
            if (outcome != null) {
                end(outcome);
            }
        }
    }

    @Override
    public void run() {
        String outcome = "failed";
        try {
            while (!take(reader.next())) {
                // reads on to END or the end of the stream
            }
            outcome = replyOutcome();
        } catch (ClosedChannelException e) {
            // AsynchronousCloseException among them: the timer closed the session after its reply.
            outcome = "expired";
        } catch (IOException e) {
            outcome = "ended by the client: " + e.getMessage();
        } finally {
            end(outcome);
        }
    }

    /** Takes one message, or the end of the stream (null); true when the session is to reply. */
    private boolean take(Frame frame) {
        if (frame == null) {
            return true;
        }
        lastActivity = System.nanoTime();
        messages++;
        return tally.accept(frame, this::peerMayStopServer) == SessionTally.Step.END;
    }

    private String replyOutcome() throws IOException {
        return reply(tally.replyText()) ? "replied " + tally.replyText() : "expired";
    }

    /** Closes the session, tells the server, and stops the server if an allowed DOWN came. */
    private void end(String outcome) {
        try {
            cancelExpiry();
            close();
        } finally {
            server.sessionEnded(this);
        }
        tally.error().ifPresent(error -> LOG.log(Level.INFO,
                "session " + id + ": rejected input, answered " + error.text() + " (" + error.meaning() + ")"));
        if (LOG.isLoggable(Level.DEBUG)) { // thousands of sessions a second: no message built for nothing
            LOG.log(Level.DEBUG, "session " + id + ": " + messages + " messages, " + outcome + ", "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        }
        if (tally.downRequested()) {
            LOG.log(Level.INFO, "session " + id + ": DOWN received; stopping");
            server.stop();
        }
    }

    private boolean peerMayStopServer() {
        return server.allowsDown(socket, id);
    }

    /** Sends the session's one reply, unless the timer sent one already. */
    private boolean reply(String text) throws IOException {
        if (!replied.compareAndSet(false, true)) {
            return false;
        }
        try {
            socket.send(ByteBuffer.wrap(SumProtocol.reply(text)));
        } catch (BrokenPipeException | ConnectionResetException e) {
            LOG.log(Level.DEBUG, "session " + id + ": the client left before the reply " + text);
        }
        return true;
    }

    /** Schedules the next check of the session's deadlines. */
    synchronized void scheduleExpiry() {
        cancelExpiry();
        long delay = server.nanosUntilExpiry(lastActivity);
        if (delay != Long.MAX_VALUE) {
            expiry = server.timer().schedule(this::checkExpiry, Math.max(0, delay), TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void cancelExpiry() {
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
    }

    private void checkExpiry() {
        if (server.nanosUntilExpiry(lastActivity) > 0) {
            scheduleExpiry();
            return;
        }
        ErrorReply reason = server.isStopping() ? ErrorReply.SHUTTING_DOWN : ErrorReply.IDLE;
        if (!replied.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.send(ByteBuffer.wrap(SumProtocol.reply(reason.text())));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "session " + id + ": cannot send " + reason.text() + ": " + e.getMessage());
        }
        LOG.log(Level.INFO, "session " + id + ": closed, " + reason.meaning());
        close();
    }

    private void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "session " + id + ": close failed: " + e.getMessage());
        }
    }
}
