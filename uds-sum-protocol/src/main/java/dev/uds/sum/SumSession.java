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
    private volatile long lastActivity = System.nanoTime();
    private ScheduledFuture<?> expiry;

    SumSession(SumServer server, UnixSocket socket, long id) {
        this.server = server;
        this.socket = socket;
        this.id = id;
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        SessionTally tally = new SessionTally();
        int messages = 0;
        String outcome;
        try {
            MessageReader reader = MessageReader.of(socket);
            Frame frame;
            while ((frame = reader.next()) != null) {
                lastActivity = System.nanoTime();
                messages++;
                if (tally.accept(frame, this::peerMayStopServer) == SessionTally.Step.END) {
                    break;
                }
            }
            outcome = reply(tally.replyText()) ? "replied " + tally.replyText() : "expired";
        } catch (ClosedChannelException e) {
            // AsynchronousCloseException among them: the timer closed the session after its reply.
            outcome = "expired";
        } catch (IOException e) {
            outcome = "ended by the client: " + e.getMessage();
        } finally {
            cancelExpiry();
            close();
            server.sessionEnded(this);
        }
        tally.error().ifPresent(error -> LOG.log(Level.INFO,
                "session " + id + ": rejected input, answered " + error.text() + " (" + error.meaning() + ")"));
        LOG.log(Level.DEBUG, "session " + id + ": " + messages + " messages, " + outcome + ", "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
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
