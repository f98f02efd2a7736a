package dev.uds.net.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.USocketFactory;
import dev.uds.UnixAddress;
import dev.uds.net.UnixSockets;
import dev.uds.testsupport.peers.SshAgent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jsch ({@code com.github.mwiede:jsch}) talking to OpenSSH's ssh-agent through the
 * {@link SocketChannel} view, on each backend: it lists the key the test made and added with
 * {@code ssh-add}, and has the agent sign with it, which the JDK verifies.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class JschAgentTest {
    private static SshAgent agent;
    private static SshAgent.Key key;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = SshAgent.start();
        key = agent.addNewKey("ed25519", "uds-agent-key");
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    /** jsch's way to open an agent's socket, made of uds's channel view on one backend. */
    private record UdsSocketFactory(String backend) implements USocketFactory {
        @Override
        public SocketChannel connect(Path path) throws IOException {
            return UnixSockets.openChannel(backend, UnixAddress.of(path));
        }

        /** jsch binds only to forward an agent to a server; an agent's client never does. */
        @Override
        public ServerSocketChannel bind(Path path) {
            throw new UnsupportedOperationException("these tests are an agent's client; nothing binds " + path);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.uds.net.peers.PeerBackends#all")
    void jschListsTheKeyTheAgentWasGiven(String backend) throws Exception {
        AgentIdentityRepository repository = repository(backend);
        assertEquals(AgentIdentityRepository.RUNNING, repository.getStatus());
        List<Identity> identities = repository.getIdentities();
        assertEquals(1, identities.size(), "the agent holds the one key ssh-add gave it");
        Identity identity = identities.get(0);
        assertEquals(key.comment(), identity.getName());
        assertEquals("ssh-ed25519", identity.getAlgName());
        assertArrayEquals(key.publicKeyBlob(), identity.getPublicKeyBlob(),
                "the public key blob, as in " + key.comment() + ".pub");
    }

    @ParameterizedTest
    @MethodSource("dev.uds.net.peers.PeerBackends#all")
    void theAgentSignsThroughJschAndTheJdkVerifies(String backend) throws Exception {
        Identity identity = repository(backend).getIdentities().get(0);
        byte[] data = ("signed by ssh-agent for uds on " + backend).getBytes(StandardCharsets.UTF_8);
        byte[] signatureBlob = identity.getSignature(data);
        // The SSH encoding (RFC 8709): string "ssh-ed25519", string signature; the key blob is
        // string "ssh-ed25519", string key.
        List<byte[]> signature = sshStrings(signatureBlob);
        List<byte[]> publicKey = sshStrings(key.publicKeyBlob());
        assertEquals("ssh-ed25519", new String(signature.get(0), StandardCharsets.US_ASCII));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(ed25519(publicKey.get(1)));
        verifier.update(data);
        assertTrue(verifier.verify(signature.get(1)), "the agent's signature verifies with the key's public half");
    }

    private static AgentIdentityRepository repository(String backend) throws Exception {
        return new AgentIdentityRepository(new SSHAgentConnector(new UdsSocketFactory(backend), agent.socketPath()));
    }

    /** The length-prefixed strings an SSH blob is made of. */
    private static List<byte[]> sshStrings(byte[] blob) {
        ByteBuffer buffer = ByteBuffer.wrap(blob);
        List<byte[]> strings = new java.util.ArrayList<>();
        while (buffer.hasRemaining()) {
            byte[] string = new byte[buffer.getInt()];
            buffer.get(string);
            strings.add(string);
        }
        return strings;
    }

    /** An Ed25519 public key from its 32 raw bytes, as the JDK reads it: X.509's SubjectPublicKeyInfo. */
    private static PublicKey ed25519(byte[] raw) throws Exception {
        byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] encoded = Arrays.copyOf(prefix, prefix.length + raw.length);
        System.arraycopy(raw, 0, encoded, prefix.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }
}
