package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Ancillary;
import dev.uds.Capability;
import dev.uds.MessageBatch;
import dev.uds.OpenFile;
import dev.uds.PeerCredentials;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import dev.uds.UnsupportedFeatureException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * What a backend does not declare fails with {@link UnsupportedFeatureException}, naming the
 * backend and the feature, before any system call.
 */
public abstract class UndeclaredTck extends TckPart {

    /** Creates the part. */
    protected UndeclaredTck() {
    }

    @TestFactory
    Stream<DynamicTest> undeclaredSocketTypesAreRefused() {
        return Arrays.stream(SocketType.values()).filter(t -> !backend.supports(t)).map(type ->
                DynamicTest.dynamicTest(type.name(), () -> {
                    assertRefused(type + " sockets", () -> backend.open(type));
                    assertRefused(type + " sockets", () -> backend.connect(type, newAddress()));
                    assertRefused(type + " sockets", () -> backend.listen(type, newAddress(), 1));
                    assertRefused(type + " sockets", () -> backend.pair(type));
                }));
    }

    @TestFactory
    Stream<DynamicTest> undeclaredCapabilitiesAreRefused() {
        return Arrays.stream(Capability.values()).filter(c -> !backend.supports(c))
                // Without PEER_PID, peer credentials simply have no pid: CredentialsTck checks that.
                .filter(c -> c != Capability.PEER_PID)
                .map(capability -> DynamicTest.dynamicTest(capability.name(), () -> {
                    Connection c = connect(anyType());
                    assertRefused(capability.description(), use(capability, c.client()));
                }));
    }

    private SocketType anyType() {
        return backend.supports(SocketType.STREAM) ? SocketType.STREAM : backend.socketTypes().iterator().next();
    }

    /**
     * The call that uses a capability: the entry here, or else reading an option that needs it
     * (so a new option's capability needs no entry); a capability that is neither fails this
     * test, so that none goes unchecked.
     */
    private Executable use(Capability capability, UnixSocket socket) {
        return switch (capability) {
            case ABSTRACT_NAMESPACE -> () -> closeLater(backend.open(anyType()))
                    .bind(UnixAddress.abstractName("uds-tck-undeclared"));
            case AUTOBIND -> () -> closeLater(backend.open(anyType())).bind(UnixAddress.unnamed());
            case SOCKETPAIR -> () -> backend.pair(anyType());
            case PEER_CREDENTIALS, PEER_PID -> socket::peerCredentials;
            case DESCRIPTOR_PASSING -> () -> {
                var file = Files.writeString(dir.resolve("passed"), "x");
                assertRefused(capability.description(), () -> socket.receiveMessage(ByteBuffer.allocate(1), 1));
                socket.send(bytes("x"), Ancillary.descriptors(OpenFile.of(file)));
            };
            case CREDENTIAL_PASSING -> () -> {
                assertRefused(capability.description(), () -> socket.setOption(UnixSocketOption.PASS_CREDENTIALS, true));
                socket.send(bytes("x"), Ancillary.credentials(PeerCredentials.of(Ids.pid(), Ids.uid(), Ids.gid())));
            };
            case PEEK -> () -> socket.peek(ByteBuffer.allocate(1));
            case BYTES_AVAILABLE -> socket::available;
            case ADDRESSED_DATAGRAMS -> () -> {
                assertRefused(capability.description(), () -> socket.receiveFrom(ByteBuffer.allocate(1)));
                assertRefused(capability.description(), socket::disconnect);
                socket.sendTo(bytes("x"), newAddress());
            };
            case BATCHES -> () -> {
                assertRefused(capability.description(), () -> socket.receiveBatch(MessageBatch.allocate(1, 1), 0, 1));
                socket.sendBatch(MessageBatch.of(bytes("x")), 0, 1);
            };
            // Standard input: refused before the call, so it is neither checked nor taken.
            case ADOPT_DESCRIPTOR -> () -> backend.adopt(0, null, false);
            case PEER_PIDFD -> socket::peerProcess;
            case PEER_SECURITY_LABEL -> () -> {
                assertRefused(capability.description(), () -> socket.setOption(UnixSocketOption.PASS_SECURITY, true));
                socket.peerSecurityLabel();
            };
            default -> () -> socket.getOption(UnixSocketOption.all().stream()
                    .filter(option -> option.capability() == capability).findFirst()
                    .orElseThrow(() -> new AssertionError("no call known that uses " + capability
                            + ": add one to UndeclaredTck#use")));
        };
    }

    private void assertRefused(String feature, Executable call) {
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, call);
        assertTrue(e.getMessage().contains(backend.name()) && e.getMessage().contains(feature),
                "the message names the backend and the feature: " + e.getMessage());
    }
}
