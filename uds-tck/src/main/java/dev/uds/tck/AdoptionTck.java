package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Ancillary;
import dev.uds.Capability;
import dev.uds.Errno;
import dev.uds.OpenFile;
import dev.uds.PassableDescriptor;
import dev.uds.ReceivedDescriptor;
import dev.uds.ReceivedMessage;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Adopting a descriptor number as a socket ({@link Capability#ADOPT_DESCRIPTOR}). The numbers
 * are real descriptors of this process that nothing else owns: each is received with
 * {@code SCM_RIGHTS} and {@link ReceivedDescriptor#detach() detached}, as a number inherited from
 * a parent would be. A number that fails a check is left with its owner, who still uses it. (An
 * inherited socket of another family, and a pipe, come from real parent processes in the tests of
 * uds-systemd.)
 */
@Requires(capabilities = {Capability.ADOPT_DESCRIPTOR, Capability.DESCRIPTOR_PASSING})
public abstract class AdoptionTck extends TckPart {

    /** Creates the part. */
    protected AdoptionTck() {
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void adoptedSocketOwnsItsNumberAndCarriesData(SocketType type) throws IOException {
        Connection passed = connect(type);
        ReceivedDescriptor d = receive(passed.client());
        String socketBefore = target(d.fd());
        int fd = d.detach();
        passed.client().close(); // the number is now the only one for that socket
        UnixSocket adopted = backend.adopt(fd, null, false);
        try {
            assertEquals(type, adopted.type(), "the type is read from the socket");
            assertEquals(backend.name(), adopted.backend());
            sendText(adopted, "adopted");
            assertEquals("adopted", type.keepsMessageBoundaries()
                    ? receiveText(passed.server(), 64) : receiveFully(passed.server(), 7));
        } finally {
            adopted.close();
        }
        assertNotEquals(socketBefore, targetOrClosed(fd), "closing the socket closed fd " + fd);
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    void listeningSocketIsAdoptedAndAccepts(SocketType type) throws IOException {
        UnixAddress address = newAddress();
        UnixSocket listener = backend.listen(type, address, 4);
        int fd;
        try {
            fd = receive(listener).detach();
        } finally {
            listener.close();
        }
        UnixSocket adopted = closeLater(backend.adopt(fd, type, true));
        UnixSocket client = closeLater(backend.connect(type, address));
        UnixSocket accepted = closeLater(adopted.accept());
        sendText(client, "via inherited listener");
        assertEquals("via inherited listener", type.keepsMessageBoundaries()
                ? receiveText(accepted, 64) : receiveFully(accepted, 22));
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    void connectedSocketIsNotAdoptedAsListenerAndStaysOpen(SocketType type) throws IOException {
        Connection passed = connect(type);
        ReceivedDescriptor d = receive(passed.client());
        int fd = d.fd();
        UnixSocketException e = assertThrows(UnixSocketException.class, () -> backend.adopt(fd, type, true));
        assertEquals(Errno.EINVAL.number(), e.errno());
        assertTrue(e.getMessage().contains("fd " + fd) && e.getMessage().contains("not listening"), e.getMessage());
        assertStillUsable(d, passed.server(), type);
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void socketOfAnotherTypeIsRefusedWithEprototypeAndStaysOpen(SocketType type) throws IOException {
        SocketType other = type == SocketType.STREAM ? SocketType.SEQPACKET : SocketType.STREAM;
        Connection passed = connect(type);
        ReceivedDescriptor d = receive(passed.client());
        int fd = d.fd();
        UnixSocketException e = assertThrows(UnixSocketException.class, () -> backend.adopt(fd, other, false));
        assertEquals(Errno.EPROTOTYPE.number(), e.errno());
        assertTrue(e.getMessage().contains("fd " + fd + " is a " + type + " socket, not " + other), e.getMessage());
        assertStillUsable(d, passed.server(), type);
    }

    @Test
    void fileIsRefusedWithEnotsockNamingWhatItIsAndStaysOpen() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-socket.txt"), "contents");
        ReceivedDescriptor d = receive(OpenFile.of(file));
        int fd = d.fd();
        UnixSocketException e = assertThrows(UnixSocketException.class, () -> backend.adopt(fd, null, false));
        assertEquals(Errno.ENOTSOCK.number(), e.errno());
        assertTrue(e.getMessage().startsWith("adopt fd " + fd + ": ENOTSOCK") && e.getMessage().contains(file.toString()),
                e.getMessage());
        ByteBuffer read = ByteBuffer.allocate(16);
        d.read(read);
        assertEquals("contents", new String(read.array(), 0, read.position(), StandardCharsets.US_ASCII),
                "the file is still open and unread");
    }

    @Test
    void numberThatIsNotOpenIsRefusedWithEbadf() {
        // Above any RLIMIT_NOFILE, so never open whatever other threads do meanwhile.
        int fd = Integer.MAX_VALUE;
        UnixSocketException e = assertThrows(UnixSocketException.class, () -> backend.adopt(fd, null, false));
        assertEquals(Errno.EBADF.number(), e.errno());
        assertTrue(e.getMessage().contains("fd " + fd), e.getMessage());
    }

    @Test
    void negativeNumberIsRefusedBeforeAnyCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend.adopt(-1, null, false));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    /** Sends what over a fresh connection and returns it as received; closed after the test unless detached. */
    private ReceivedDescriptor receive(PassableDescriptor what) throws IOException {
        Connection carrier = connect(backend.socketTypes().iterator().next());
        carrier.client().send(bytes("d"), Ancillary.descriptors(what));
        ReceivedMessage m = closeLater(carrier.server().receiveMessage(ByteBuffer.allocate(4), 1));
        assertEquals(1, m.descriptors().size(), "one descriptor arrived");
        return m.descriptors().get(0);
    }

    /** The descriptor's owner still has it, and it still reaches the peer. */
    private static void assertStillUsable(ReceivedDescriptor d, UnixSocket peer, SocketType type) throws IOException {
        assertTrue(d.isOpen() && d.isUnixSocket(), "still open and still a socket");
        assertEquals(5, d.write(bytes("still")));
        assertEquals("still", type.keepsMessageBoundaries() ? receiveText(peer, 64) : receiveFully(peer, 5));
    }

    private static String target(int fd) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))).toString();
    }

    private static String targetOrClosed(int fd) throws IOException {
        try {
            return target(fd);
        } catch (NoSuchFileException e) {
            return "(closed)";
        }
    }
}
