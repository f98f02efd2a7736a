package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.uds.Backend;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every part of the TCK shares: the backend under test, a private directory for socket
 * files, connected sockets of each type, and closing all of it after each test.
 */
public abstract class TckPart {
    static final String TEMP_PREFIX = "uds-tck";

    /** The backend under test. */
    protected Backend backend;
    /** A fresh directory for this test's socket files; deleted after it. */
    protected Path dir;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private int names;

    /** Creates the part; the TCK's nested classes extend it. */
    protected TckPart() {
    }

    @BeforeEach
    void setUp(Backend backendUnderTest) throws IOException {
        this.backend = backendUnderTest;
        // Under /tmp, not the build directory: a deep build path would exceed sun_path.
        this.dir = Files.createTempDirectory(Path.of("/tmp"), TEMP_PREFIX);
    }

    @AfterEach
    void tearDown() throws Exception {
        Exception failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                failure = e;
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Closes the resource after the test, in reverse order of registration.
     *
     * @param <T>      the resource's type
     * @param resource the resource
     * @return the resource
     */
    protected <T extends AutoCloseable> T closeLater(T resource) {
        opened.push(resource);
        return resource;
    }

    /**
     * A new pathname address in this test's directory; no file exists there yet.
     *
     * @return the address
     */
    protected UnixAddress newAddress() {
        return UnixAddress.of(dir.resolve("s" + (names++) + ".sock"));
    }

    /**
     * Two connected sockets of a type. STREAM and SEQPACKET: a client and the socket the server
     * accepted for it. DGRAM: two bound sockets, each connected to the other.
     *
     * @param type the socket type
     * @return the two ends, closed after the test
     * @throws IOException if a call fails
     */
    protected Connection connect(SocketType type) throws IOException {
        UnixAddress serverAddress = newAddress();
        if (type.isConnectionOriented()) {
            UnixSocket server = closeLater(backend.listen(type, serverAddress, 4));
            UnixSocket client = closeLater(backend.connect(type, serverAddress));
            UnixSocket accepted = closeLater(server.accept());
            return new Connection(client, accepted);
        }
        UnixSocket a = closeLater(backend.listen(type, serverAddress, 0));
        UnixSocket b = closeLater(backend.open(type));
        UnixAddress clientAddress = newAddress();
        b.bind(clientAddress);
        b.connect(serverAddress);
        a.connect(clientAddress);
        return new Connection(b, a);
    }

    /**
     * Two connected sockets.
     *
     * @param client the end that connected (or DGRAM's second socket)
     * @param server the end that accepted (or DGRAM's first socket)
     */
    public record Connection(UnixSocket client, UnixSocket server) {
    }

    /**
     * The bytes of a string, in a buffer ready to send.
     *
     * @param text ASCII text
     * @return the buffer
     */
    protected static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Receives once and returns what came as text.
     *
     * @param socket the socket
     * @param max    the buffer size
     * @return the text received
     * @throws IOException if the receive fails
     */
    protected static String receiveText(UnixSocket socket, int max) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(max);
        int n = socket.receive(buffer);
        return n < 0 ? null : new String(buffer.array(), 0, n, StandardCharsets.US_ASCII);
    }

    /**
     * Receives from a STREAM socket until {@code length} bytes have come.
     *
     * @param socket the socket
     * @param length the bytes expected
     * @return the text received
     * @throws IOException if the receive fails or the stream ends first
     */
    protected static String receiveFully(UnixSocket socket, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (socket.receive(buffer) < 0) {
                throw new IOException("end of stream after " + buffer.position() + " of " + length + " bytes");
            }
        }
        return new String(buffer.array(), StandardCharsets.US_ASCII);
    }

    /**
     * Sends a text and checks that every byte was sent.
     *
     * @param socket the socket
     * @param text   ASCII text
     * @throws IOException if the send fails
     */
    protected static void sendText(UnixSocket socket, String text) throws IOException {
        assertEquals(text.length(), socket.send(bytes(text)), "bytes sent");
    }
}
