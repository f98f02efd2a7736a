package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Capability;
import dev.uds.PeerCredentials;
import dev.uds.SocketType;
import java.io.IOException;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** {@code SO_PEERCRED}: both ends of a connection in this process see this process. */
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
}
