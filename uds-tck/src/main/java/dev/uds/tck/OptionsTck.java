package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uds.Ancillary;
import dev.uds.Capability;
import dev.uds.Errno;
import dev.uds.OpenFile;
import dev.uds.PermissionDeniedException;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketException;
import dev.uds.UnixSocketOption;
import dev.uds.UnixSocketTimeoutException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** Socket options, peeking and bytes available, each where declared. */
public abstract class OptionsTck extends TckPart {

    /** Creates the part. */
    protected OptionsTck() {
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.BUFFER_SIZES)
    void bufferSizesCanBeSetAndRead(SocketType type) throws IOException {
        UnixSocket s = connect(type).client();
        s.setOption(UnixSocketOption.SEND_BUFFER_SIZE, 65536);
        s.setOption(UnixSocketOption.RECEIVE_BUFFER_SIZE, 65536);
        // What the kernel reports on every backend: twice what was set, for its bookkeeping, up
        // to twice its limit (socket(7)). The JDK halves what it reads on Linux; uds does not.
        assertEquals(Math.min(2 * 65536, 2 * kernelLimit("wmem_max")), s.getOption(UnixSocketOption.SEND_BUFFER_SIZE));
        assertEquals(Math.min(2 * 65536, 2 * kernelLimit("rmem_max")), s.getOption(UnixSocketOption.RECEIVE_BUFFER_SIZE));
    }

    /** A limit of {@code /proc/sys/net/core}, read whole (a sysctl file answers one read). */
    private static int kernelLimit(String name) throws IOException {
        try (java.io.BufferedReader reader = java.nio.file.Files.newBufferedReader(
                java.nio.file.Path.of("/proc/sys/net/core", name), java.nio.charset.StandardCharsets.US_ASCII)) {
            return Integer.parseInt(reader.readLine().strip());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    void everyDeclaredOptionIsReadAndSetBackOnARealSocket(SocketType type) throws IOException {
        UnixSocket s = closeLater(backend.open(type));
        java.util.List<String> checked = new java.util.ArrayList<>();
        for (UnixSocketOption<?> option : UnixSocketOption.all()) {
            if (backend.supports(option.capability()) && roundTrip(s, option)) {
                checked.add(option.name());
            }
        }
        assertFalse(checked.isEmpty(), backend.name() + " declares no option that works");
    }

    /**
     * Sets what the socket reports, and reads it back: the backend took the option's name and
     * value layout as the kernel does.
     *
     * @return false for an option this kernel predates
     */
    private static <T> boolean roundTrip(UnixSocket socket, UnixSocketOption<T> option) throws IOException {
        T value;
        try {
            value = socket.getOption(option);
        } catch (UnixSocketException e) {
            if (option == UnixSocketOption.PASS_DESCRIPTORS && e.errno() == Errno.ENOPROTOOPT.number()) {
                return false; // SO_PASSRIGHTS needs Linux 6.16: the kernel, not the backend, lacks it
            }
            throw e;
        }
        if (option == UnixSocketOption.SEND_BUFFER_SIZE || option == UnixSocketOption.RECEIVE_BUFFER_SIZE) {
            socket.setOption(option, option.type().cast((Integer) value / 2)); // the kernel reports twice what was set
        } else {
            socket.setOption(option, value);
        }
        assertEquals(value, socket.getOption(option), option.name());
        return true;
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.RECEIVE_TIMEOUT)
    void receiveTimeoutEndsAReceiveThatGetsNothing(SocketType type) throws IOException {
        UnixSocket s = connect(type).server();
        s.setOption(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofMillis(200));
        assertEquals(Duration.ofMillis(200), s.getOption(UnixSocketOption.RECEIVE_TIMEOUT));
        long start = System.nanoTime();
        assertThrows(SocketTimeoutException.class, () -> s.receive(ByteBuffer.allocate(8)));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(150).toNanos(), "waited for the timeout");
        assertTrue(s.isOpen(), "a timeout leaves the socket usable");
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    @Requires(capabilities = Capability.RECEIVE_TIMEOUT)
    void receiveTimeoutEndsAnAcceptThatGetsNothing(SocketType type) throws IOException {
        UnixSocket server = closeLater(backend.listen(type, newAddress(), 1));
        server.setOption(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofMillis(200));
        assertThrows(SocketTimeoutException.class, server::accept);
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    @Requires(capabilities = Capability.SEND_TIMEOUT)
    void sendTimeoutEndsASendThatCannotProceed(SocketType type) throws IOException {
        UnixSocket s = connect(type).client();
        s.setOption(UnixSocketOption.SEND_TIMEOUT, Duration.ofMillis(200));
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        // The peer never reads: the send buffer fills, then a send waits and times out.
        assertThrows(SocketTimeoutException.class, () -> {
            for (int i = 0; i < 100_000; i++) {
                chunk.clear();
                s.send(chunk);
            }
        });
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    @Requires(capabilities = Capability.SEND_TIMEOUT)
    void sendTimeoutEndsAConnectToAFullBacklogAndLeavesTheSocketUsable(SocketType type) throws IOException {
        UnixAddress address = newAddress();
        UnixSocket server = closeLater(backend.listen(type, address, 1));
        // Linux queues backlog + 1 connections: these two fit, the next one waits for room.
        closeLater(backend.connect(type, address));
        closeLater(backend.connect(type, address));
        UnixSocket s = closeLater(backend.open(type));
        s.setOption(UnixSocketOption.SEND_TIMEOUT, Duration.ofMillis(200));
        // Preemptive only so that a backend that waits without limit fails here instead of hanging.
        UnixSocketTimeoutException timeout = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(UnixSocketTimeoutException.class, () -> s.connect(address)));
        assertEquals("connect " + address + ": EAGAIN (Resource temporarily unavailable)", timeout.getMessage());
        assertEquals(Errno.EAGAIN.number(), timeout.errno());
        assertTrue(s.isOpen(), "a connect that timed out leaves the socket open");
        closeLater(server.accept()); // room for one more
        s.connect(address);
        assertEquals(address, s.remoteAddress());
        assertEquals(Duration.ofMillis(200), s.getOption(UnixSocketOption.SEND_TIMEOUT));
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.PEEK)
    void peekLeavesTheDataForTheNextReceive(SocketType type) throws IOException {
        Connection c = connect(type);
        sendText(c.client(), "peeked");
        ByteBuffer peeked = ByteBuffer.allocate(64);
        assertEquals(6, c.server().peek(peeked));
        assertEquals("peeked", receiveText(c.server(), 64));
    }

    @Test
    @Requires(types = SocketType.STREAM, capabilities = {Capability.PEEK, Capability.PEEK_OFFSET})
    void peekOffsetMovesWithEachPeek() throws IOException {
        Connection c = connect(SocketType.STREAM);
        sendText(c.client(), "abcdef");
        c.server().setOption(UnixSocketOption.PEEK_OFFSET, 0);
        assertEquals("abc", peekText(c.server(), 3));
        assertEquals("def", peekText(c.server(), 3));
        assertEquals("abcdef", receiveFully(c.server(), 6), "peeking consumed nothing");
    }

    private static String peekText(UnixSocket socket, int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        assertEquals(n, socket.peek(buffer));
        return new String(buffer.array(), java.nio.charset.StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.BYTES_AVAILABLE)
    void availableCountsTheBytesWaiting(SocketType type) throws IOException {
        Connection c = connect(type);
        assertEquals(0, c.server().available());
        sendText(c.client(), "12345");
        assertEquals(5, c.server().available());
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.BYTES_AVAILABLE)
    void availableCountsEveryMessageQueuedExceptOnDgram(SocketType type) throws IOException {
        // Linux's SIOCINQ: the whole queue of a STREAM or SEQPACKET socket, a DGRAM socket's next datagram.
        Connection c = connect(type);
        sendText(c.client(), "123");
        sendText(c.client(), "4567");
        assertEquals(type == SocketType.DGRAM ? 3 : 7, c.server().available());
        c.server().receive(ByteBuffer.allocate(16));
        assertEquals(type == SocketType.STREAM ? 0 : 4, c.server().available(), "after one receive");
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.DESCRIPTOR_PASSING)
    void passDescriptorsTurnedOffRefusesDescriptorsFromPeers(SocketType type) throws IOException {
        Connection c = connect(type);
        boolean accepts;
        try {
            accepts = c.server().getOption(UnixSocketOption.PASS_DESCRIPTORS);
        } catch (UnixSocketException e) {
            assumeTrue(e.errno() != Errno.ENOPROTOOPT.number(), "this kernel predates SO_PASSRIGHTS (Linux 6.16): " + e);
            throw e;
        }
        assertTrue(accepts, "on by default");
        c.server().setOption(UnixSocketOption.PASS_DESCRIPTORS, false);
        assertFalse(c.server().getOption(UnixSocketOption.PASS_DESCRIPTORS));
        OpenFile file = OpenFile.of(Files.writeString(dir.resolve("refused"), "x"));
        assertThrows(PermissionDeniedException.class, () -> c.client().send(bytes("d"), Ancillary.descriptors(file)));
        sendText(c.client(), "plain");
        assertEquals("plain", receiveText(c.server(), 64), "plain data still passes, and nothing of the refused message");
    }
}
