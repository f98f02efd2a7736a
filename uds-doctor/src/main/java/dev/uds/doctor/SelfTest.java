package dev.uds.doctor;

import dev.uds.Ancillary;
import dev.uds.Backend;
import dev.uds.Capability;
import dev.uds.OpenFile;
import dev.uds.PeerCredentials;
import dev.uds.ReceivedDescriptor;
import dev.uds.ReceivedMessage;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The self-test of one available backend, on real sockets: per socket type it declares, a pair and
 * a listener with a message each way, the peer's credentials, a descriptor passed and a receive
 * that times out, each where the backend declares what it needs. Every check runs under
 * {@link Watchdog}, so a backend that blocks fails its check instead of hanging the doctor.
 */
final class SelfTest {
    private static final Duration RECEIVE_TIMEOUT = Duration.ofMillis(100);
    private static final byte[] FILE_CONTENT = "passed by uds doctor\n".getBytes(StandardCharsets.US_ASCII);

    private final Backend backend;
    private final Path dir;
    private int names;

    private SelfTest(Backend backend, Path dir) {
        this.backend = backend;
        this.dir = dir;
    }

    /**
     * Runs the self-test.
     *
     * @param backend an available backend
     * @param dir     an empty private directory for the socket files
     * @return the checks, in the order they ran
     */
    static List<Check> run(Backend backend, Path dir) {
        return new SelfTest(backend, dir).run();
    }

    private List<Check> run() {
        List<Check> checks = new ArrayList<>();
        for (SocketType type : SocketType.values()) {
            if (!backend.supports(type)) {
                checks.add(Check.notDeclared(type + " sockets", "the socket type " + type));
                continue;
            }
            checks.add(Watchdog.check(type + " pair: a message each way", Capability.SOCKETPAIR, backend,
                    sockets -> {
                        SocketPair pair = sockets.add(backend.pair(type));
                        exchange(pair.first(), pair.second());
                        return "";
                    }));
            checks.add(Watchdog.check(type + " listener: a message each way", null, backend, sockets -> {
                Connection c = connect(type, sockets);
                exchange(c.near(), c.far());
                return "at " + ((UnixAddress.Pathname) c.address()).path().getFileName();
            }));
            if (type.isConnectionOriented()) {
                checks.add(Watchdog.check(type + " peer credentials", Capability.PEER_CREDENTIALS, backend,
                        sockets -> peerCredentials(connect(type, sockets))));
            }
            checks.add(Watchdog.check(type + " descriptor passing", Capability.DESCRIPTOR_PASSING, backend,
                    sockets -> passDescriptor(connect(type, sockets), sockets)));
            checks.add(Watchdog.check(type + " receive timeout", Capability.RECEIVE_TIMEOUT, backend,
                    sockets -> timeOut(connect(type, sockets).far())));
        }
        return checks;
    }

    /** Two connected sockets from a listener (STREAM, SEQPACKET) or two bound DGRAM sockets. */
    private record Connection(UnixAddress address, UnixSocket near, UnixSocket far) {
    }

    private Connection connect(SocketType type, Watchdog.Sockets sockets) throws IOException {
        UnixAddress at = UnixAddress.of(dir.resolve(backend.name() + "-" + (++names) + ".sock"));
        UnixSocket listener = sockets.add(backend.listen(type, at, 4));
        if (type.isConnectionOriented()) {
            UnixSocket near = sockets.add(backend.connect(type, at));
            return new Connection(at, near, sockets.add(listener.accept()));
        }
        UnixAddress other = UnixAddress.of(dir.resolve(backend.name() + "-" + (++names) + ".sock"));
        UnixSocket near = sockets.add(backend.listen(type, other, 4));
        near.connect(at);
        listener.connect(other);
        return new Connection(at, near, listener);
    }

    private static void exchange(UnixSocket a, UnixSocket b) throws IOException {
        oneWay(a, b, "ping");
        oneWay(b, a, "pong");
    }

    private static void oneWay(UnixSocket from, UnixSocket to, String text) throws IOException {
        byte[] sent = text.getBytes(StandardCharsets.US_ASCII);
        from.send(ByteBuffer.wrap(sent));
        ByteBuffer got = ByteBuffer.allocate(64);
        // A STREAM socket may deliver the bytes in parts; a message socket delivers the message.
        while (got.position() < sent.length) {
            if (to.receive(got) < 0) {
                throw new IOException("the peer's end closed after " + got.position() + " of " + sent.length + " bytes");
            }
        }
        String received = new String(got.array(), 0, got.position(), StandardCharsets.US_ASCII);
        if (!received.equals(text)) {
            throw new IOException("sent \"" + text + "\", received \"" + received + "\"");
        }
    }

    /** The accepted end sees the connecting process: this one, with the socket file's owner as uid. */
    private String peerCredentials(Connection c) throws IOException {
        PeerCredentials seen = c.far().peerCredentials();
        Path file = ((UnixAddress.Pathname) c.address()).path();
        int owner = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (seen.uid() != owner) {
            throw new IOException("peer uid " + seen.uid() + ", but this process made " + file + " as uid " + owner);
        }
        if (backend.supports(Capability.PEER_PID)) {
            long self = ProcessHandle.current().pid();
            if (seen.pid().isEmpty() || seen.pid().getAsInt() != self) {
                throw new IOException("peer pid " + seen.pid() + ", but the peer is this process, " + self);
            }
        }
        return seen.toString();
    }

    /** A file opened here, passed over the socket, read through the descriptor that arrives. */
    private String passDescriptor(Connection c, Watchdog.Sockets sockets) throws IOException {
        Path file = Files.write(dir.resolve(backend.name() + "-" + (++names) + ".txt"), FILE_CONTENT);
        c.near().send(ByteBuffer.wrap(new byte[] {'f'}), Ancillary.descriptors(OpenFile.of(file, StandardOpenOption.READ)));
        ReceivedMessage message = sockets.add(c.far().receiveMessage(ByteBuffer.allocate(8), 1));
        if (message.descriptors().size() != 1) {
            throw new IOException("sent 1 descriptor, received " + message.descriptors().size());
        }
        ReceivedDescriptor descriptor = message.descriptors().get(0);
        ByteBuffer read = ByteBuffer.allocate(FILE_CONTENT.length + 1);
        while (read.hasRemaining() && descriptor.read(read) > 0) {
            // reads the whole file
        }
        if (read.position() != FILE_CONTENT.length) {
            throw new IOException("read " + read.position() + " bytes of " + file + " through the received "
                    + "descriptor, not " + FILE_CONTENT.length);
        }
        return "read " + file.getFileName() + " through descriptor " + descriptor.fd();
    }

    private static String timeOut(UnixSocket idle) throws IOException {
        idle.setOption(UnixSocketOption.RECEIVE_TIMEOUT, RECEIVE_TIMEOUT);
        try {
            int n = idle.receive(ByteBuffer.allocate(8));
            throw new IOException("a receive with nothing sent returned " + n + " instead of timing out");
        } catch (SocketTimeoutException expected) {
            return "timed out after " + RECEIVE_TIMEOUT.toMillis() + " ms";
        }
    }
}
