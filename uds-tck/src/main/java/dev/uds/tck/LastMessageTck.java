package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.uds.Capability;
import dev.uds.ReceivedMessage;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The last message a SEQPACKET peer sends before it closes, received while the peer sends and
 * closes: it must arrive, and end of stream only after it. Linux's SEQPACKET receive looks at
 * the queue and then at the shutdown without one lock across both, so a peer that sends and
 * closes between the two looks makes a non-blocking recv(2) return 0 with the message queued:
 * read as end of stream, the message is lost (the sum benchmark lost about one reply in 20,000
 * sessions so). The race is narrow, so each round starts the receive and the peer's send at the
 * same moment: before the fix, every one of 6 runs lost a message within 20,000 rounds, on
 * {@code ffm} and {@code jnr} alike.
 */
@Requires(types = SocketType.SEQPACKET, capabilities = Capability.SOCKETPAIR)
public abstract class LastMessageTck extends TckPart {
    private static final int ROUNDS = 40_000;
    private static final int MESSAGE = 12;

    /** The socket handed to the peer, which sends one message on it and closes it. */
    private final AtomicReference<UnixSocket> handed = new AtomicReference<>();
    /** Set by the peer just before it sends: the receive starts at once. */
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile IOException peerFailure;
    private Thread peer;

    /** Creates the part. */
    protected LastMessageTck() {
    }

    @BeforeEach
    void startPeer() {
        // Both sides spin rather than park: a wake-up takes longer than the race's window.
        peer = ThreadKind.PLATFORM.start("sends one message and closes", () -> {
            while (!Thread.currentThread().isInterrupted()) {
                UnixSocket socket = handed.getAndSet(null);
                if (socket == null) {
                    Thread.onSpinWait();
                    continue;
                }
                sending.set(true);
                try (socket) {
                    socket.send(ByteBuffer.allocate(MESSAGE));
                } catch (IOException e) {
                    peerFailure = e;
                }
            }
        });
    }

    @AfterEach
    void stopPeer() throws InterruptedException {
        peer.interrupt();
        peer.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Test
    void receiveGetsTheLastMessageBeforeEndOfStream() throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        for (int round = 0; round < ROUNDS; round++) {
            try (SocketPair pair = backend.pair(SocketType.SEQPACKET)) {
                startPeersSend(pair.second());
                assertEquals(MESSAGE, pair.first().receive(buffer.clear()), "round " + round + ": the message");
                assertEquals(-1, pair.first().receive(buffer.clear()), "round " + round + ": then end of stream");
            }
        }
        assertNull(peerFailure);
    }

    @Test
    void receiveMessageGetsTheLastMessageBeforeEndOfStream() throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        for (int round = 0; round < ROUNDS; round++) {
            try (SocketPair pair = backend.pair(SocketType.SEQPACKET)) {
                startPeersSend(pair.second());
                ReceivedMessage message = pair.first().receiveMessage(buffer.clear(), 0);
                assertEquals(MESSAGE, message.bytes(), "round " + round + ": the message");
                assertEquals(-1, pair.first().receiveMessage(buffer.clear(), 0).bytes(),
                        "round " + round + ": then end of stream");
            }
        }
        assertNull(peerFailure);
    }

    /** Hands the socket to the peer and returns when it is about to send. */
    private void startPeersSend(UnixSocket socket) {
        sending.set(false);
        handed.set(socket);
        while (!sending.get()) {
            Thread.onSpinWait();
        }
    }
}
