package dev.uds.sum;

import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The connection a stopping server makes to its own listener, through the listener's private
 * name, behind every client already waiting in the backlog: the acceptor serves those, and stops
 * when it accepts this one. Closing the listener at once instead would reset them without a reply.
 */
final class StopMarker {
    private static final System.Logger LOG = System.getLogger(SumServer.class.getName());

    private final UnixSocket listener;
    private final SumServerConfig config;
    private final ListenerEndpoint endpoint;
    private volatile UnixSocket socket;
    private volatile Thread thread;

    StopMarker(UnixSocket listener, SumServerConfig config, ListenerEndpoint endpoint) {
        this.listener = listener;
        this.config = config;
        this.endpoint = endpoint;
    }

    /**
     * Connects to the listener, now withdrawn from its public name, on a thread of its own (the
     * connect waits while the backlog is full). If it cannot, {@code closeListener} runs: the
     * clients still waiting are then reset.
     */
    void queue(UnixAddress listenerAddress, Runnable closeListener) {
        Thread connecting = new Thread(() -> connect(listenerAddress, closeListener), "uds-sum-stop-marker");
        connecting.setDaemon(true);
        thread = connecting;
        connecting.start();
    }

    private void connect(UnixAddress listenerAddress, Runnable closeListener) {
        UnixSocket marker = null;
        try {
            marker = UnixDomain.backend(listener.backend()).open(config.type());
            socket = marker; // before connect: the acceptor closes it once it has accepted it
            marker.bind(endpoint.markerAddress());
            marker.connect(listenerAddress);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot queue the stop marker (" + e.getMessage()
                    + "); clients still waiting to be accepted are reset");
            SumServer.closeQuietly(marker);
            closeListener.run();
        }
    }

    /** Whether an accepted connection is the marker: its peer is bound to the marker's name. */
    boolean is(UnixSocket connection) {
        try {
            UnixAddress marker = endpoint.markerAddress();
            return marker != null && connection.remoteAddress().equals(marker);
        } catch (IOException e) {
            return false; // a client that left already: its session will find out
        }
    }

    /**
     * Closes the marker and waits for its thread, whose connect may still be returning: the
     * server has stopped only once the marker is closed for good.
     */
    void finish() {
        SumServer.closeQuietly(socket);
        Thread connecting = thread;
        if (connecting == null) {
            return;
        }
        try {
            connecting.join(config.shutdownGrace().toMillis() + 1000);
        } catch (InterruptedException e) {
            LOG.log(Level.WARNING, "interrupted while the stop marker finishes");
            Thread.currentThread().interrupt();
        }
        // A marker opened after the close above (its thread was still starting) is closed now.
        SumServer.closeQuietly(socket);
    }
}
