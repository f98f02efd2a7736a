package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Capability;
import dev.uds.PeerCredentials;
import dev.uds.Errno;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketException;
import java.io.IOException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@code SO_PEERCRED}: both ends of a connection in this process see this process; where the
 * kernel kept no peer (it answers pid 0, uid and gid -1), the call fails with {@code ENOTCONN}.
 */
@Requires(capabilities = Capability.PEER_CREDENTIALS)
public abstract class CredentialsTck extends TckPart {

    /** Creates the part. */
    protected CredentialsTck() {
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    void peerCredentialsAreThisProcesssIds(SocketType type) throws IOException {
        Connection c = connect(type);
        for (PeerCredentials seen : new PeerCredentials[] {c.client().peerCredentials(), c.server().peerCredentials()}) {
            assertEquals(Ids.uid(), seen.uid(), "uid");
            assertEquals(Ids.gid(), seen.gid(), "gid");
            if (backend.supports(Capability.PEER_PID)) {
                assertEquals(OptionalInt.of(Ids.pid()), seen.pid(), "pid");
            } else {
                assertTrue(seen.pid().isEmpty(), "no pid where PEER_PID is not declared: " + seen);
            }
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    void unconnectedSocketHasNoPeerCredentials(SocketType type) throws IOException {
        UnixSocket s = closeLater(backend.open(type));
        s.bind(newAddress());
        assertNoPeer(s);
    }

    /** connect(2) of a DGRAM socket records no peer credentials: the kernel answers pid 0. */
    @Test
    @Requires(types = SocketType.DGRAM)
    void datagramSocketConnectedWithConnectHasNoPeerCredentials() throws IOException {
        assertNoPeer(connect(SocketType.DGRAM).client());
    }

    private static void assertNoPeer(UnixSocket s) {
        UnixSocketException e = assertThrows(UnixSocketException.class, s::peerCredentials);
        assertEquals(Errno.ENOTCONN.number(), e.errno(), e.getMessage());
        assertTrue(e.getMessage().contains("ENOTCONN"), e.getMessage());
    }
}
