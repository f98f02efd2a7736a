package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Capability;
import dev.uds.MessageTruncatedException;
import dev.uds.ReceivedMessage;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Addressed datagrams ({@link Capability#ADDRESSED_DATAGRAMS}): a DGRAM server that answers each
 * client at the address its datagram came from, senders of every kind (pathname, abstract,
 * autobound, unnamed), truncation, and a connected socket's association and its dissolving.
 * The errors are {@link DatagramErrorTck}'s.
 */
@Requires(types = SocketType.DGRAM, capabilities = Capability.ADDRESSED_DATAGRAMS)
public abstract class DatagramTck extends TckPart {

    /** Creates the part. */
    protected DatagramTck() {
    }

    /** A DGRAM socket bound to {@code address}, closed after the test. */
    UnixSocket bound(UnixAddress address) throws IOException {
        UnixSocket socket = closeLater(backend.open(SocketType.DGRAM));
        socket.bind(address);
        return socket;
    }

    static String text(ByteBuffer buffer) {
        buffer.flip();
        return StandardCharsets.US_ASCII.decode(buffer).toString();
    }

    @Test
    @Requires(capabilities = Capability.AUTOBIND)
    void serverOnPathnameAnswersEachClientByItsAddress() throws IOException {
        UnixAddress serverAddress = newAddress();
        UnixSocket server = bound(serverAddress);
        List<UnixSocket> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(bound(UnixAddress.unnamed()));
            clients.add(bound(newAddress()));
        }
        Map<UnixAddress, String> sent = new HashMap<>();
        for (int i = 0; i < clients.size(); i++) {
            String request = "request " + i;
            // Direct and heap buffers alike: the backends pass each its own way.
            ByteBuffer data = i % 2 == 0 ? bytes(request) : ByteBuffer.allocateDirect(request.length())
                    .put(request.getBytes(StandardCharsets.US_ASCII)).flip();
            assertEquals(request.length(), clients.get(i).sendTo(data, serverAddress));
            assertEquals(0, data.remaining(), "the buffer's position advanced by the bytes sent");
            sent.put(clients.get(i).localAddress(), request);
        }
        for (int i = 0; i < clients.size(); i++) {
            ByteBuffer request = i % 2 == 0 ? ByteBuffer.allocate(64) : ByteBuffer.allocateDirect(64);
            UnixAddress sender = server.receiveFrom(request);
            String text = text(request);
            assertEquals(sent.remove(sender), text, "the sender " + sender + " is the client that sent " + text);
            server.sendTo(bytes("answer to " + text), sender);
        }
        assertTrue(sent.isEmpty(), "every client was heard: " + sent);
        for (int i = 0; i < clients.size(); i++) {
            UnixSocket client = clients.get(i);
            ByteBuffer answer = ByteBuffer.allocate(64);
            assertEquals(serverAddress, client.receiveFrom(answer));
            assertEquals("answer to request " + i, text(answer));
        }
    }

    @Test
    @Requires(capabilities = Capability.AUTOBIND)
    void autoboundSenderIsAnAbstractNameOfFiveHexDigits() throws IOException {
        UnixAddress serverAddress = newAddress();
        UnixSocket server = bound(serverAddress);
        UnixSocket client = bound(UnixAddress.unnamed());
        client.sendTo(bytes("x"), serverAddress);
        UnixAddress sender = server.receiveFrom(ByteBuffer.allocate(8));
        UnixAddress.Abstract name = assertInstanceOf(UnixAddress.Abstract.class, sender);
        assertTrue(new String(name.name(), StandardCharsets.US_ASCII).matches("[0-9a-f]{5}"),
                "unix(7): an autobound name is 5 bytes in [0-9a-f]: " + sender);
        assertEquals(client.localAddress(), sender);
    }

    @Test
    @Requires(capabilities = Capability.ABSTRACT_NAMESPACE)
    void replyReachesAnAbstractSender() throws IOException {
        UnixAddress serverAddress = newAddress();
        UnixSocket server = bound(serverAddress);
        UnixAddress clientAddress = UnixAddress.abstractName("uds-tck-dgram-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
        UnixSocket client = bound(clientAddress);
        client.sendTo(bytes("ping"), serverAddress);
        ByteBuffer request = ByteBuffer.allocate(8);
        UnixAddress sender = server.receiveFrom(request);
        assertEquals(clientAddress, sender);
        server.sendTo(bytes("pong"), sender);
        ByteBuffer reply = ByteBuffer.allocate(8);
        assertEquals(serverAddress, client.receiveFrom(reply));
        assertEquals("pong", text(reply));
    }

    @Test
    @Requires(capabilities = Capability.ABSTRACT_NAMESPACE)
    void serverOnAnAbstractNameIsReachedByItsName() throws IOException {
        UnixAddress serverAddress = UnixAddress.abstractName("uds-tck-dgram-server-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
        UnixSocket server = bound(serverAddress);
        UnixAddress clientAddress = newAddress();
        UnixSocket client = bound(clientAddress);
        client.sendTo(bytes("to an abstract name"), serverAddress);
        ByteBuffer request = ByteBuffer.allocate(32);
        assertEquals(clientAddress, server.receiveFrom(request));
        assertEquals("to an abstract name", text(request));
    }

    @Test
    void unboundSenderIsUnnamed() throws IOException {
        UnixAddress serverAddress = newAddress();
        UnixSocket server = bound(serverAddress);
        UnixSocket client = closeLater(backend.open(SocketType.DGRAM));
        client.sendTo(bytes("anonymous"), serverAddress);
        ByteBuffer request = ByteBuffer.allocate(16);
        assertEquals(UnixAddress.unnamed(), server.receiveFrom(request));
        assertEquals("anonymous", text(request));
        assertEquals(UnixAddress.unnamed(), client.localAddress(), "sending did not bind the client");
    }

    @Test
    void emptyDatagramComesWithItsSender() throws IOException {
        UnixAddress serverAddress = newAddress();
        UnixSocket server = bound(serverAddress);
        UnixAddress clientAddress = newAddress();
        bound(clientAddress).sendTo(ByteBuffer.allocate(0), serverAddress);
        ByteBuffer request = ByteBuffer.allocate(8);
        assertEquals(clientAddress, server.receiveFrom(request), "an empty datagram is a datagram, not end of stream");
        assertEquals(0, request.position());
    }

    @Test
    void truncatedDatagramReportsItsRealLengthAndSender() throws IOException {
        UnixAddress serverAddress = newAddress();
        UnixSocket server = bound(serverAddress);
        UnixAddress clientAddress = newAddress();
        UnixSocket client = bound(clientAddress);
        client.sendTo(ByteBuffer.wrap(new byte[100]), serverAddress);
        ByteBuffer small = ByteBuffer.allocate(10);
        MessageTruncatedException e = assertThrows(MessageTruncatedException.class, () -> server.receiveFrom(small));
        assertEquals(100, e.messageLength());
        assertEquals(10, e.received());
        assertEquals(10, small.position(), "the part that fitted is in the buffer");
        assertEquals(clientAddress, e.sender().orElseThrow(), "a truncated request can still be answered");
        assertTrue(e.getMessage().contains("100") && e.getMessage().contains(clientAddress.toString()), e.getMessage());

        client.sendTo(ByteBuffer.wrap(new byte[100]), serverAddress);
        try (ReceivedMessage m = server.receiveMessage(ByteBuffer.allocateDirect(10), 0)) {
            assertTrue(m.truncated());
            assertEquals(100, m.messageLength());
            assertEquals(clientAddress, m.sender().orElseThrow());
        }
    }

    @Test
    void receivedMessageCarriesTheSender() throws IOException {
        UnixAddress serverAddress = newAddress();
        UnixSocket server = bound(serverAddress);
        UnixAddress clientAddress = newAddress();
        UnixSocket client = bound(clientAddress);
        client.sendTo(bytes("with ancillary room"), serverAddress);
        try (ReceivedMessage m = server.receiveMessage(ByteBuffer.allocate(32), 1)) {
            assertEquals(19, m.bytes());
            assertEquals(clientAddress, m.sender().orElseThrow());
        }
        closeLater(backend.open(SocketType.DGRAM)).sendTo(bytes("unbound"), serverAddress);
        try (ReceivedMessage m = server.receiveMessage(ByteBuffer.allocate(32), 0)) {
            assertEquals(UnixAddress.unnamed(), m.sender().orElseThrow());
        }
    }

    @Test
    void connectedSocketRefusesOthersUntilDisconnected() throws IOException {
        UnixAddress aAddress = newAddress();
        UnixAddress peerAddress = newAddress();
        UnixAddress thirdAddress = newAddress();
        UnixSocket a = bound(aAddress);
        UnixSocket peer = bound(peerAddress);
        UnixSocket third = bound(thirdAddress);
        a.connect(peerAddress);

        IOException refused = assertThrows(dev.uds.PermissionDeniedException.class,
                () -> third.sendTo(bytes("intruder"), aAddress));
        assertEquals(dev.uds.Errno.EPERM.number(), ((dev.uds.NativeError) refused).errno());
        assertTrue(refused.getMessage().contains("sendto") && refused.getMessage().contains(aAddress.toString())
                && refused.getMessage().contains("EPERM"), refused.getMessage());
        peer.sendTo(bytes("from the peer"), aAddress);
        ByteBuffer first = ByteBuffer.allocate(32);
        assertEquals(peerAddress, a.receiveFrom(first));
        assertEquals("from the peer", text(first));

        a.disconnect();
        third.sendTo(bytes("welcome now"), aAddress);
        ByteBuffer second = ByteBuffer.allocate(32);
        assertEquals(thirdAddress, a.receiveFrom(second));
        assertEquals("welcome now", text(second));
        IOException noPeer = assertThrows(IOException.class, () -> a.send(bytes("to whom?")));
        assertEquals(dev.uds.Errno.ENOTCONN.number(), ((dev.uds.NativeError) noPeer).errno(),
                "no default destination after disconnect: " + noPeer);
        a.sendTo(bytes("still addressed"), thirdAddress);
        assertEquals("still addressed", receiveText(third, 32));
        a.disconnect(); // not connected: nothing happens
    }

    @Test
    void connectedSocketMaySendToAnotherAddress() throws IOException {
        UnixAddress peerAddress = newAddress();
        UnixAddress otherAddress = newAddress();
        UnixSocket a = bound(newAddress());
        bound(peerAddress);
        UnixSocket other = bound(otherAddress);
        a.connect(peerAddress);
        a.sendTo(bytes("elsewhere"), otherAddress);
        assertEquals("elsewhere", receiveText(other, 16));
    }

    @Test
    void receiveFromAfterShutdownInputIsEndOfStream() throws IOException {
        UnixSocket socket = bound(newAddress());
        socket.shutdownInput();
        assertNull(socket.receiveFrom(ByteBuffer.allocate(8)), "as receive returns -1");
    }

    @Test
    void repeatedSenderIsTheSameAddress() throws IOException {
        UnixAddress serverAddress = newAddress();
        UnixSocket server = bound(serverAddress);
        UnixAddress one = newAddress();
        UnixAddress two = newAddress();
        UnixSocket first = bound(one);
        UnixSocket second = bound(two);
        for (int round = 0; round < 3; round++) {
            first.sendTo(bytes("1"), serverAddress);
            second.sendTo(bytes("2"), serverAddress);
            assertEquals(one, server.receiveFrom(ByteBuffer.allocate(4)));
            assertEquals(two, server.receiveFrom(ByteBuffer.allocate(4)));
        }
    }
}
