package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Capability;
import dev.uds.ReceivedMessage;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A path of 108 bytes, filling {@code sun_path} with no terminating NUL: Linux lets another
 * program bind it (unix(7), BUGS). It is a valid address: where the kernel reports it, the call
 * returns it whole (a {@link UnixAddress} made from bytes holds up to 108), it can be connected
 * to, and the sockets stay usable.
 */
@Requires(types = SocketType.STREAM, capabilities = Capability.DESCRIPTOR_PASSING)
public abstract class UnterminatedPathTck extends TckPart {
    /**
     * Binds a listening socket to the 108 bytes of argv[1] with an address length of 110 (no
     * NUL; Python's bind refuses that length, libc's does not), and passes it to the uds socket
     * listening at argv[2].
     */
    private static final String BIND_AND_PASS = String.join("\n",
            "import ctypes, socket, struct, sys",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "path = sys.argv[1].encode()",
            "assert len(path) == 108, len(path)",
            "listening = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
            "address = struct.pack('H', socket.AF_UNIX) + path",
            "if libc.bind(listening.fileno(), ctypes.create_string_buffer(address, len(address)), len(address)) != 0:",
            "    raise OSError(ctypes.get_errno(), 'bind of the 108-byte path')",
            "listening.listen(4)",
            "carrier = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
            "carrier.connect(sys.argv[2])",
            "socket.send_fds(carrier, [b'L'], [listening.fileno()])");

    /** Creates the part. */
    protected UnterminatedPathTck() {
    }

    @Test
    void addressesOfAnUnterminatedPathAreItsWhole108Bytes() throws Exception {
        String prefix = dir + "/";
        Path longPath = Path.of(prefix + "u".repeat(108 - prefix.length()));
        UnixAddress carrierAddress = newAddress();
        UnixSocket carrierServer = closeLater(backend.listen(SocketType.STREAM, carrierAddress, 1));
        PythonPeer.run(BIND_AND_PASS, longPath.toString(), ((UnixAddress.Pathname) carrierAddress).path().toString());
        assertTrue(Files.exists(longPath), "python3 bound " + longPath);
        UnixSocket carrier = closeLater(carrierServer.accept());
        UnixSocket listening;
        try (ReceivedMessage m = carrier.receiveMessage(ByteBuffer.allocate(1), 1)) {
            listening = closeLater(m.descriptors().get(0).adoptAsSocket());
        }
        UnixAddress whole = UnixAddress.of(longPath.toString().getBytes(StandardCharsets.US_ASCII));
        assertEquals(whole, listening.localAddress(), "getsockname of the listening socket");

        // connect(2) follows a symlink; the peer's name is still the 108 bytes.
        Path link = Files.createSymbolicLink(dir.resolve("link"), longPath);
        UnixSocket client = closeLater(backend.connect(SocketType.STREAM, UnixAddress.of(link)));
        assertEquals(whole, client.remoteAddress(), "getpeername of the client");
        UnixSocket accepted = closeLater(listening.accept());
        assertEquals(whole, accepted.localAddress(), "getsockname of the accepted socket");
        assertEquals(UnixAddress.unnamed(), accepted.remoteAddress());
        // The address as returned is one to connect to: written back with no NUL, as bound.
        UnixSocket direct = closeLater(backend.connect(SocketType.STREAM, client.remoteAddress()));
        closeLater(listening.accept());
        assertEquals(whole, direct.remoteAddress());

        sendText(client, "usable");
        assertEquals("usable", receiveFully(accepted, 6), "the sockets still work");
    }
}
