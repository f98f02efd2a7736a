package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Ancillary;
import dev.uds.Capability;
import dev.uds.OpenFile;
import dev.uds.PeerProcess;
import dev.uds.ReceivedMessage;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Each message's sender as a pidfd ({@code SO_PASSPIDFD}, {@code SCM_PIDFD}): the pidfd is the
 * sending process's, owned by the message, and closed with it whether or not it was looked at.
 * The sender is a real other process, a Python client, wherever the test is about who sent.
 */
public abstract class SenderPidfdTck extends TckPart {
    /** Creates the part. */
    protected SenderPidfdTck() {
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.SENDER_PIDFD)
    void messageCarriesItsSendersPidfdWhichReportsTheExit(SocketType type) throws Exception {
        UnixAddress address = newAddress();
        UnixSocket server = listenForPidfds(type, address);
        List<String> before = OpenDescriptors.pidfds();
        try (PythonSender child = PythonSender.start(address, type)) {
            UnixSocket receiver = type.isConnectionOriented() ? closeLater(server.accept()) : server;
            assertTrue(receiver.getOption(UnixSocketOption.PASS_PIDFD), "on for the receiving socket");
            PeerProcess sender;
            try (ReceivedMessage m = receiver.receiveMessage(ByteBuffer.allocate(8), 0)) {
                assertEquals(1, m.bytes());
                assertFalse(m.descriptorsTruncated(), "room for the pidfd");
                sender = m.senderProcess().orElseThrow(() -> new AssertionError("no SCM_PIDFD came"));
                child.assertPidfdFollowsItsExit(sender, before);
            }
            assertFalse(sender.isOpen(), "closed with its message");
            assertEquals(before, OpenDescriptors.pidfds(), "no pidfd left open");
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.SENDER_PIDFD)
    void messageWithoutTheOptionHasNoPidfd(SocketType type) throws IOException {
        Connection c = connect(type);
        assertFalse(c.server().getOption(UnixSocketOption.PASS_PIDFD), "off by default");
        sendText(c.client(), "plain");
        try (ReceivedMessage m = c.server().receiveMessage(ByteBuffer.allocate(8), 0)) {
            assertEquals(5, m.bytes());
            assertTrue(m.senderProcess().isEmpty(), "no SCM_PIDFD without SO_PASSPIDFD");
        }
        c.server().setOption(UnixSocketOption.PASS_PIDFD, true);
        assertTrue(c.server().getOption(UnixSocketOption.PASS_PIDFD));
        c.server().setOption(UnixSocketOption.PASS_PIDFD, false);
        sendText(c.client(), "again");
        try (ReceivedMessage m = c.server().receiveMessage(ByteBuffer.allocate(8), 0)) {
            assertEquals(5, m.bytes());
            assertTrue(m.senderProcess().isEmpty(), "turned off again: none");
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Messages.class)
    @Requires(capabilities = Capability.SENDER_PIDFD)
    void messagesClosedUnreadOrReceivedPlainlyLeaveNoPidfd(SocketType type) throws IOException {
        Connection c = connect(type);
        c.server().setOption(UnixSocketOption.PASS_PIDFD, true);
        List<String> before = OpenDescriptors.pidfds();
        for (int i = 0; i < 3; i++) {
            sendText(c.client(), "m" + i);
        }
        c.server().receiveMessage(ByteBuffer.allocate(8), 0).close();
        try (ReceivedMessage unread = c.server().receiveMessage(ByteBuffer.allocate(8), 4)) {
            assertEquals(2, unread.bytes());
        }
        assertEquals(before, OpenDescriptors.pidfds(), "each message's pidfd closed with it, unlooked at");
        // A plain receive asks for no ancillary data, so the kernel makes no pidfd for it.
        assertEquals("m2", receiveText(c.server(), 8));
        assertEquals(before, OpenDescriptors.pidfds(), "a plain receive takes no pidfd");
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = {Capability.SENDER_PIDFD, Capability.DESCRIPTOR_PASSING, Capability.CREDENTIAL_PASSING})
    void pidfdComesWithCredentialsAndDescriptorsWithoutTakingTheirRoom(SocketType type) throws IOException {
        Connection c = connect(type);
        c.server().setOption(UnixSocketOption.PASS_PIDFD, true);
        c.server().setOption(UnixSocketOption.PASS_CREDENTIALS, true);
        Path file = Files.writeString(dir.resolve("with-pidfd.txt"), "contents");
        List<String> before = OpenDescriptors.list();
        List<String> pidfdsBefore = OpenDescriptors.pidfds();
        c.client().send(bytes("f"), Ancillary.descriptors(OpenFile.of(file), OpenFile.of(file)));
        try (ReceivedMessage m = c.server().receiveMessage(ByteBuffer.allocate(8), 2)) {
            assertFalse(m.descriptorsTruncated(), "the pidfd, which the kernel puts last, has room of its own");
            assertEquals(2, m.descriptors().size());
            PeerProcess sender = m.senderProcess().orElseThrow(() -> new AssertionError("no SCM_PIDFD came"));
            assertEquals(ProcessHandle.current().pid(), sender.pid(), "this process sent it");
            assertEquals(sender.pid(), m.credentials().orElseThrow().pid().orElseThrow(), "as SCM_CREDENTIALS says");
            assertTrue(sender.isAlive());
        }
        OpenDescriptors.assertNoneLeaked(before, "a message with descriptors, credentials and a pidfd");
        assertEquals(pidfdsBefore, OpenDescriptors.pidfds(), "the pidfd closed with its message");
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Messages.class)
    @Requires(capabilities = Capability.SENDER_PIDFD)
    void senderReapedBeforeTheReceiveIsNoLiveProcess(SocketType type) throws Exception {
        UnixAddress address = newAddress();
        UnixSocket server = listenForPidfds(type, address);
        List<String> before = OpenDescriptors.pidfds();
        UnixSocket receiver;
        try (PythonSender child = PythonSender.start(address, type)) {
            receiver = type.isConnectionOriented() ? closeLater(server.accept()) : server;
            child.release(); // and reaped: Process.waitFor waits for the exit status
        }
        try (ReceivedMessage m = receiver.receiveMessage(ByteBuffer.allocate(8), 0)) {
            assertEquals(1, m.bytes(), "the message outlives its sender");
            // Recent kernels (this machine's 6.18) make a pidfd of a reaped process; older ones
            // send an errno in its place, and the message has none.
            if (m.senderProcess().isPresent()) {
                PeerProcess sender = m.senderProcess().get();
                assertEquals(-1, sender.pid(), "a reaped process has no pid");
                assertFalse(sender.isAlive());
            }
        }
        assertEquals(before, OpenDescriptors.pidfds(), "no pidfd left open");
    }

    /**
     * A socket bound (and listening, but for DGRAM) at an address, with {@code SO_PASSPIDFD} on
     * before any sender sends: the kernel notes the sender's pid only for a receiver that asks for
     * it at that time. An accepted socket inherits the option from its listener.
     */
    private UnixSocket listenForPidfds(SocketType type, UnixAddress address) throws IOException {
        UnixSocket server = closeLater(backend.listen(type, address, 1));
        server.setOption(UnixSocketOption.PASS_PIDFD, true);
        return server;
    }
}
