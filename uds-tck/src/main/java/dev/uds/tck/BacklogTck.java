package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.ConnectionRefusedException;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The listen backlog, as clients that do not wait see it: a non-blocking {@code connect(2)} to a
 * listener whose backlog is full fails at once with {@code EAGAIN}, so how many such clients get
 * in without an {@code accept(2)} is the backlog the listener really has. The clients are the
 * JDK's own non-blocking {@link SocketChannel}s, STREAM, whatever the backend under test. And the
 * one rule for a backlog below 1, which the backends once read three ways: refused.
 */
@Requires(types = SocketType.STREAM)
public abstract class BacklogTck extends TckPart {
    /**
     * More than the fixed defaults around (the JDK's 50, the 64 of many servers), and what any
     * kernel left at its default grants: somaxconn is 4096 since Linux 5.4 and 128 before, and
     * the kernel lets one more than the backlog wait.
     */
    private static final int CLIENTS = 129;
    private static final int SMALL_BACKLOG = 3;

    /** Creates the part. */
    protected BacklogTck() {
    }

    @Test
    void listenWithoutABacklogTakesTheKernelsLargest() throws IOException {
        UnixAddress address = newAddress();
        UnixSocket server = closeLater(backend.open(SocketType.STREAM));
        server.bind(address);
        server.listen();
        assertEveryClientWaits(address);
    }

    @Test
    void listeningBackendWithoutABacklogTakesTheKernelsLargest() throws IOException {
        UnixAddress address = newAddress();
        closeLater(backend.listen(SocketType.STREAM, address));
        assertEveryClientWaits(address);
    }

    @Test
    void aFullBacklogTurnsANonBlockingConnectAway() throws IOException {
        // What makes the two tests above able to fail: a backlog smaller than the clients shows.
        UnixAddress address = newAddress();
        closeLater(backend.listen(SocketType.STREAM, address, SMALL_BACKLOG));
        Connects connects = nonBlockingConnects(address, CLIENTS);
        // Linux lets one more than the backlog wait (the queue is full once longer than it).
        assertTrue(connects.connected() >= SMALL_BACKLOG && connects.connected() <= SMALL_BACKLOG + 1,
                connects.connected() + " clients got in with a backlog of " + SMALL_BACKLOG);
        assertNotNull(connects.refusal(), "no client was turned away");
        assertTrue(String.valueOf(connects.refusal().getMessage()).contains("Resource temporarily unavailable"),
                "not EAGAIN: " + connects.refusal());
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    void backlogBelowOneIsRefusedAndTheSocketStaysAsItWas(SocketType type) throws IOException {
        UnixAddress address = newAddress();
        UnixSocket socket = closeLater(backend.open(type));
        socket.bind(address);
        for (int backlog : new int[] {0, -1, Integer.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> socket.listen(backlog));
            assertTrue(e.getMessage().contains("at least 1, not " + backlog), e.getMessage());
        }
        // Still bound and not listening: the JDK's 50 or listen(2)'s 0 would have let this in.
        assertThrows(ConnectionRefusedException.class, () -> backend.connect(type, address));
        socket.listen(1);
        closeLater(backend.connect(type, address));
        closeLater(socket.accept());
        assertThrows(IllegalArgumentException.class, () -> socket.listen(0), "a listening socket too");
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    void listeningBackendRefusesABacklogBelowOneBeforeMakingTheSocketFile(SocketType type) {
        UnixAddress address = newAddress();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> closeLater(backend.listen(type, address, 0)));
        assertTrue(e.getMessage().contains("not 0"), e.getMessage());
        assertFalse(Files.exists(((UnixAddress.Pathname) address).path()), "no socket file made");
    }

    private static void assertEveryClientWaits(UnixAddress address) throws IOException {
        // Not min(CLIENTS, maxBacklog()): a maxBacklog() read wrong would then pass unseen.
        Connects connects = nonBlockingConnects(address, CLIENTS);
        assertEquals(CLIENTS, connects.connected(), "clients that got into the backlog of a listener with "
                + "the kernel's largest (" + UnixDomain.maxBacklog() + "); the next was turned away with "
                + connects.refusal());
    }

    /** How many non-blocking connects got in before the first was turned away, and why it was. */
    private record Connects(int connected, IOException refusal) {
    }

    private static Connects nonBlockingConnects(UnixAddress address, int clients) throws IOException {
        UnixDomainSocketAddress to = UnixDomainSocketAddress.of(((UnixAddress.Pathname) address).path());
        List<SocketChannel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channels.add(channel);
                channel.configureBlocking(false);
                try {
                    // AF_UNIX connects at once or not at all: there is no connect in progress.
                    assertTrue(channel.connect(to), "a non-blocking AF_UNIX connect left pending");
                } catch (IOException e) {
                    return new Connects(i, e);
                }
            }
            return new Connects(clients, null);
        } finally {
            IOException failure = null;
            for (SocketChannel channel : channels) {
                try {
                    channel.close();
                } catch (IOException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
