package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Ancillary;
import dev.uds.Capability;
import dev.uds.Errno;
import dev.uds.OpenFile;
import dev.uds.PeerProcess;
import dev.uds.ReceivedMessage;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketException;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Who the peer is beyond {@code SO_PEERCRED}: its process as a pidfd ({@code SO_PEERPIDFD}), and
 * its security label ({@code SO_PEERSEC}). The peer is a real other process, a Python client.
 */
public abstract class PeerIdentityTck extends TckPart {
    /** What the kernel says to Python about SO_PEERSEC on a socket pair: the label, or ENOPROTOOPT. */
    private static final String PYTHON_PEERSEC = String.join("\n",
            "import errno, socket",
            "a, b = socket.socketpair()",
            "try:",
            "    print('label:' + a.getsockopt(socket.SOL_SOCKET, 31, 1024).rstrip(b'\\0').decode())",
            "except OSError as e:",
            "    print(errno.errorcode[e.errno])");
    /** What the kernel gives Python with SO_PASSSEC on a socket pair: an SCM_SECURITY label, or none. */
    private static final String PYTHON_PASSSEC = String.join("\n",
            "import socket",
            "a, b = socket.socketpair()",
            "b.setsockopt(socket.SOL_SOCKET, 34, 1)",
            "a.send(b'x')",
            "data, cmsgs, flags, _ = b.recvmsg(1, 4096)",
            "labels = [d.split(b'\\0')[0].decode() for (level, kind, d) in cmsgs if level == socket.SOL_SOCKET and kind == 3]",
            "print('label:' + labels[0] if labels else 'none')");

    /** Creates the part. */
    protected PeerIdentityTck() {
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    @Requires(capabilities = Capability.PEER_PIDFD)
    void pidfdOfAnotherProcessReportsItsExit(SocketType type) throws Exception {
        UnixAddress address = newAddress();
        UnixSocket listener = closeLater(backend.listen(type, address, 1));
        try (PythonSender child = PythonSender.start(address, type)) {
            UnixSocket accepted = closeLater(listener.accept());
            assertEquals("x", receiveText(accepted, 8));
            List<String> before = OpenDescriptors.pidfds();
            try (PeerProcess peer = accepted.peerProcess()) {
                assertEquals(peer.pid(), accepted.peerCredentials().pid().orElseThrow(), "as SO_PEERCRED says");
                child.assertPidfdFollowsItsExit(peer, before);
            }
            assertEquals(before, OpenDescriptors.pidfds(), "the pidfd is closed with its object");
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    @Requires(capabilities = Capability.PEER_PIDFD)
    void pidfdOfAPeerInThisProcessIsThisProcess(SocketType type) throws Exception {
        Connection c = connect(type);
        PeerProcess peer = c.server().peerProcess();
        try {
            assertEquals(ProcessHandle.current().pid(), peer.pid());
            assertTrue(peer.isAlive());
            assertTrue(Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(peer.fd())))
                    .toString().contains("pidfd"), "a pidfd");
        } finally {
            peer.close();
        }
        assertFalse(peer.isOpen());
        assertThrows(java.nio.channels.ClosedChannelException.class, peer::isAlive);
    }

    @Test
    @Requires(capabilities = Capability.PEER_PIDFD)
    void socketWithoutPeerHasNoPeerProcess() throws IOException {
        SocketType type = backend.supports(SocketType.STREAM) ? SocketType.STREAM : SocketType.SEQPACKET;
        UnixSocket lonely = closeLater(backend.open(type));
        UnixSocketException e = assertThrows(UnixSocketException.class, lonely::peerProcess);
        assertEquals(Errno.ENOTCONN.number(), e.errno(), e.getMessage());
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    @Requires(capabilities = Capability.PEER_SECURITY_LABEL)
    void securityLabelIsTheKernelsOrEmptyWhereItHasNone(SocketType type) throws Exception {
        Connection c = connect(type);
        String label = c.server().peerSecurityLabel();
        Process python = new ProcessBuilder(PythonPeer.executable(), "-c", PYTHON_PEERSEC).redirectErrorStream(true).start();
        String kernelSays = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(python.waitFor(60, TimeUnit.SECONDS) && python.exitValue() == 0, kernelSays);
        if (kernelSays.equals("ENOPROTOOPT")) {
            assertEquals("", label, "no security module labels sockets here");
        } else {
            assertEquals(kernelSays.substring("label:".length()), label, "the label of a process like this one");
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.PEER_SECURITY_LABEL)
    void passSecurityCanBeSetAndReadBack(SocketType type) throws IOException {
        UnixSocket s = connect(type).server();
        assertFalse(s.getOption(UnixSocketOption.PASS_SECURITY), "off by default");
        s.setOption(UnixSocketOption.PASS_SECURITY, true);
        assertTrue(s.getOption(UnixSocketOption.PASS_SECURITY));
        s.setOption(UnixSocketOption.PASS_SECURITY, false);
        assertFalse(s.getOption(UnixSocketOption.PASS_SECURITY));
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    @Requires(capabilities = Capability.PEER_SECURITY_LABEL)
    void messageLabelIsTheSendersOrEmptyWhereNoneIsSent(SocketType type) throws Exception {
        Connection c = connect(type);
        c.server().setOption(UnixSocketOption.PASS_SECURITY, true);
        sendText(c.client(), "labelled");
        try (ReceivedMessage m = c.server().receiveMessage(ByteBuffer.allocate(16), 0)) {
            assertEquals(8, m.bytes());
            assertFalse(m.descriptorsTruncated(), "room for the label and the credentials");
            assertLabelAsTheKernelSends(m.securityLabel(), c.server().peerSecurityLabel());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    @Requires(capabilities = {Capability.PEER_SECURITY_LABEL, Capability.DESCRIPTOR_PASSING, Capability.CREDENTIAL_PASSING})
    void labelWithDescriptorsInOneMessageLeaksNothing(SocketType type) throws Exception {
        Connection c = connect(type);
        c.server().setOption(UnixSocketOption.PASS_SECURITY, true);
        c.server().setOption(UnixSocketOption.PASS_CREDENTIALS, true);
        java.nio.file.Path file = Files.writeString(dir.resolve("labelled.txt"), "contents");
        List<String> before = OpenDescriptors.list();
        c.client().send(bytes("f"), Ancillary.descriptors(OpenFile.of(file), OpenFile.of(file)));
        try (ReceivedMessage m = c.server().receiveMessage(ByteBuffer.allocate(8), 2)) {
            assertEquals(1, m.bytes());
            assertFalse(m.descriptorsTruncated(), "the label does not take the descriptors' room");
            assertEquals(2, m.descriptors().size());
            ByteBuffer read = ByteBuffer.allocate(64);
            m.descriptors().get(1).read(read);
            assertEquals("contents", new String(read.array(), 0, read.position(), StandardCharsets.US_ASCII));
            assertTrue(m.credentials().isPresent(), "credentials, label and descriptors in one receive");
            assertLabelAsTheKernelSends(m.securityLabel(), c.server().peerSecurityLabel());
        }
        OpenDescriptors.assertNoneLeaked(before, "a message with a label and descriptors");
    }

    /**
     * A message's label against what the kernel sends Python on a socket pair, asked
     * independently. Where no security module labels sockets (this project's machines, where
     * SO_PEERSEC answers ENOPROTOOPT) the kernel sends no SCM_SECURITY, and the label is empty.
     * Where one does (SELinux, Smack), it is the sending socket's, which the receiving end also
     * reads as its peer's (SO_PEERSEC). A module that labels the peer but not each message sends
     * no SCM_SECURITY to Python either, and the label is empty there too.
     */
    private static void assertLabelAsTheKernelSends(Optional<String> label, String peerLabel) throws Exception {
        String kernelSends = runPython(PYTHON_PASSSEC);
        if (kernelSends.equals("none")) {
            assertEquals(Optional.empty(), label, "the kernel sends no SCM_SECURITY here (peer label: '"
                    + peerLabel + "'); without a module that labels sockets, none ever comes");
        } else {
            assertTrue(kernelSends.startsWith("label:"), kernelSends);
            assertEquals(Optional.of(peerLabel), label, "the sender's label, as SO_PEERSEC gives it");
            assertEquals(kernelSends.substring("label:".length()), peerLabel, "the label of a process like this one");
        }
    }

    /** Runs a Python program to its end and returns what it printed. */
    private static String runPython(String program) throws Exception {
        Process python = new ProcessBuilder(PythonPeer.executable(), "-c", program).redirectErrorStream(true).start();
        String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(python.waitFor(60, TimeUnit.SECONDS) && python.exitValue() == 0, printed);
        return printed;
    }
}
