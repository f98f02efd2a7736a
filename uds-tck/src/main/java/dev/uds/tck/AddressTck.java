package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Capability;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** Local and remote addresses of each kind, and socket pairs. */
public abstract class AddressTck extends TckPart {

    /** Creates the part. */
    protected AddressTck() {
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    void connectionEndsReportTheirAddresses(SocketType type) throws IOException {
        UnixAddress address = newAddress();
        UnixSocket server = closeLater(backend.listen(type, address, 1));
        UnixSocket client = closeLater(backend.connect(type, address));
        UnixSocket accepted = closeLater(server.accept());
        assertEquals(address, server.localAddress());
        assertEquals(address, client.remoteAddress());
        assertEquals(address, accepted.localAddress());
        assertEquals(UnixAddress.unnamed(), client.localAddress(), "an unbound client is unnamed");
        assertEquals(UnixAddress.unnamed(), accepted.remoteAddress());
        assertTrue(Files.exists(((UnixAddress.Pathname) address).path()), "bind made the socket file");
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void unboundSocketIsUnnamed(SocketType type) throws IOException {
        try (UnixSocket s = backend.open(type)) {
            assertEquals(UnixAddress.unnamed(), s.localAddress());
            assertEquals(type, s.type());
            assertEquals(backend.name(), s.backend());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.ABSTRACT_NAMESPACE)
    void abstractAddressesConnectAndLeaveNoFile(SocketType type) throws IOException {
        UnixAddress address = UnixAddress.abstractName("uds-tck-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Connection c = type.isConnectionOriented() ? connectAt(type, address) : null;
        if (c == null) {
            UnixSocket bound = closeLater(backend.listen(type, address, 0));
            assertEquals(address, bound.localAddress());
            UnixSocket sender = closeLater(backend.connect(type, address));
            sendText(sender, "abstract");
            assertEquals("abstract", receiveText(bound, 64));
        } else {
            assertEquals(address, c.client().remoteAddress());
            sendText(c.client(), "abstract");
            assertEquals("abstract", type.keepsMessageBoundaries() ? receiveText(c.server(), 64) : receiveFully(c.server(), 8));
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "an abstract address has no file");
        }
    }

    private Connection connectAt(SocketType type, UnixAddress address) throws IOException {
        UnixSocket server = closeLater(backend.listen(type, address, 1));
        UnixSocket client = closeLater(backend.connect(type, address));
        return new Connection(client, closeLater(server.accept()));
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.AUTOBIND)
    void bindingToUnnamedAutobindsToFiveHexDigits(SocketType type) throws IOException {
        UnixSocket s = closeLater(backend.open(type));
        s.bind(UnixAddress.unnamed());
        UnixAddress.Abstract name = assertInstanceOf(UnixAddress.Abstract.class, s.localAddress());
        assertTrue(new String(name.name(), java.nio.charset.StandardCharsets.US_ASCII).matches("[0-9a-f]{5}"),
                "autobind names are five hex digits: " + name);
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.SOCKETPAIR)
    void socketPairIsConnectedBothWaysAndUnnamed(SocketType type) throws IOException {
        SocketPair pair = closeLater(backend.pair(type));
        sendText(pair.first(), "ping");
        sendText(pair.second(), "pong");
        assertEquals("ping", type.keepsMessageBoundaries() ? receiveText(pair.second(), 64) : receiveFully(pair.second(), 4));
        assertEquals("pong", type.keepsMessageBoundaries() ? receiveText(pair.first(), 64) : receiveFully(pair.first(), 4));
        assertEquals(UnixAddress.unnamed(), pair.first().localAddress());
        assertEquals(UnixAddress.unnamed(), pair.second().remoteAddress());
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void socketFileStaysAfterCloseUntilDeleted(SocketType type) throws IOException {
        UnixAddress address = newAddress();
        backend.listen(type, address, 1).close();
        Path path = ((UnixAddress.Pathname) address).path();
        assertTrue(Files.exists(path), "unix(7): the socket file outlives the socket");
    }
}
