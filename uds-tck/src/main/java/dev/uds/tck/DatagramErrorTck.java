package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Capability;
import dev.uds.ConnectionRefusedException;
import dev.uds.Errno;
import dev.uds.NativeError;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketException;
import dev.uds.UnixSocketOption;
import dev.uds.UnixSocketTimeoutException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The errors a user of addressed datagrams meets, each naming the address: no socket at a path,
 * the unnamed address, a receiver whose queue stays full, a socket that is not DGRAM. (A
 * receiver connected to another socket is {@link DatagramTck}'s; a socket file the sender may not
 * write needs a caller without {@code CAP_DAC_OVERRIDE}, which the backends' own tests make.)
 */
@Requires(capabilities = Capability.ADDRESSED_DATAGRAMS)
public abstract class DatagramErrorTck extends TckPart {

    /** Creates the part. */
    protected DatagramErrorTck() {
    }

    private static void assertNames(IOException e, String call, UnixAddress address, Errno errno) {
        assertEquals(errno.number(), ((NativeError) e).errno(), e.getMessage());
        assertTrue(e.getMessage().contains(call) && e.getMessage().contains(address.toString())
                && e.getMessage().contains(errno.name()), "the message names the call, the address and the errno: "
                + e.getMessage());
    }

    @Test
    @Requires(types = SocketType.DGRAM)
    void sendToMissingPathIsRefused() throws IOException {
        UnixAddress missing = newAddress();
        UnixSocket socket = closeLater(backend.open(SocketType.DGRAM));
        ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class,
                () -> socket.sendTo(bytes("lost"), missing));
        assertNames(e, "sendto", missing, Errno.ENOENT);
    }

    @Test
    @Requires(types = SocketType.DGRAM)
    void sendToSocketFileWithNoSocketIsRefused() throws IOException {
        UnixAddress stale = newAddress();
        try (UnixSocket gone = backend.open(SocketType.DGRAM)) {
            gone.bind(stale); // closed at once; its file stays
        }
        UnixSocket socket = closeLater(backend.open(SocketType.DGRAM));
        ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class,
                () -> socket.sendTo(bytes("lost"), stale));
        assertNames(e, "sendto", stale, Errno.ECONNREFUSED);
    }

    @Test
    @Requires(types = SocketType.DGRAM)
    void sendToUnnamedIsRefusedBeforeTheCall() throws IOException {
        UnixSocket socket = closeLater(backend.open(SocketType.DGRAM));
        ByteBuffer data = bytes("nowhere");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> socket.sendTo(data, UnixAddress.unnamed()));
        assertTrue(e.getMessage().contains(UnixAddress.unnamed().toString()), e.getMessage());
        assertEquals(0, data.position(), "nothing sent");
    }

    @Test
    @Requires(types = SocketType.DGRAM, capabilities = Capability.SEND_TIMEOUT)
    void sendToFullQueueBlocksUntilTheSendTimeout() throws IOException {
        UnixAddress receiverAddress = newAddress();
        UnixSocket receiver = closeLater(backend.open(SocketType.DGRAM));
        receiver.bind(receiverAddress);
        UnixSocket sender = closeLater(backend.open(SocketType.DGRAM));
        sender.setOption(UnixSocketOption.SEND_TIMEOUT, Duration.ofMillis(100));
        // The receiver reads nothing: its queue (net.unix.max_dgram_qlen) or the sender's buffer fills.
        int sent = 0;
        UnixSocketTimeoutException e = null;
        while (e == null && sent < 1_000_000) {
            try {
                sender.sendTo(bytes("fill"), receiverAddress);
                sent++;
            } catch (UnixSocketTimeoutException timeout) {
                e = timeout;
            }
        }
        assertTrue(e != null, "a send blocked on the full queue and timed out, after " + sent + " datagrams");
        assertNames(e, "sendto", receiverAddress, Errno.EAGAIN);
        assertTrue(sent > 0, "datagrams went before the queue was full");
        for (int i = 0; i < sent; i++) {
            assertEquals("fill", receiveText(receiver, 8), "datagram " + i + " of " + sent + ", none lost");
        }
        sender.sendTo(bytes("room again"), receiverAddress);
        assertEquals("room again", receiveText(receiver, 16));
    }

    @Test
    @Requires(types = SocketType.DGRAM, capabilities = Capability.BUFFER_SIZES)
    void sendToOfADatagramLargerThanTheSendBufferSaysItsSize() throws IOException {
        UnixAddress receiverAddress = newAddress();
        closeLater(backend.open(SocketType.DGRAM)).bind(receiverAddress);
        UnixSocket sender = closeLater(backend.open(SocketType.DGRAM));
        sender.setOption(UnixSocketOption.SEND_BUFFER_SIZE, 4096);
        int size = sender.getOption(UnixSocketOption.SEND_BUFFER_SIZE) + 1;
        UnixSocketException e = assertThrows(UnixSocketException.class,
                () -> sender.sendTo(ByteBuffer.allocate(size), receiverAddress));
        assertNames(e, "sendto", receiverAddress, Errno.EMSGSIZE);
        assertTrue(e.getMessage().contains(Integer.toString(size)), "the message says the size: " + e.getMessage());
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    void addressedCallsOnConnectionSocketsAreRefused(SocketType type) throws IOException {
        Connection c = connect(type);
        UnixAddress somewhere = newAddress();
        ByteBuffer data = bytes("x");
        UnixSocketException send = assertThrows(UnixSocketException.class, () -> c.client().sendTo(data, somewhere));
        assertEquals(Errno.EOPNOTSUPP.number(), send.errno());
        assertTrue(send.getMessage().contains(type.toString()), send.getMessage());
        assertEquals(0, data.position(), "nothing sent: a SEQPACKET sendto would have gone to the peer");
        UnixSocketException receive = assertThrows(UnixSocketException.class,
                () -> c.server().receiveFrom(ByteBuffer.allocate(1)));
        assertEquals(Errno.EOPNOTSUPP.number(), receive.errno());
        UnixSocketException disconnect = assertThrows(UnixSocketException.class, () -> c.client().disconnect());
        assertEquals(Errno.EOPNOTSUPP.number(), disconnect.errno());
        c.client().send(bytes("y"));
        assertEquals("y", receiveText(c.server(), 1), "the connection is as it was");
    }

    @Test
    @Requires(types = SocketType.DGRAM)
    void receiveFromIntoReadOnlyBufferIsRefusedBeforeTheCall() throws IOException {
        UnixAddress address = newAddress();
        UnixSocket socket = closeLater(backend.open(SocketType.DGRAM));
        socket.bind(address);
        closeLater(backend.open(SocketType.DGRAM)).sendTo(bytes("kept"), address);
        assertThrows(IllegalArgumentException.class, () -> socket.receiveFrom(ByteBuffer.allocate(8).asReadOnlyBuffer()));
        ByteBuffer dst = ByteBuffer.allocate(8);
        socket.receiveFrom(dst);
        assertEquals(4, dst.position(), "the datagram stayed for the next receive");
    }
}
