package dev.uds.interop;

import static dev.uds.interop.Talk.check;

import dev.uds.Backend;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * junixsocket's {@link AFUNIXDatagramChannel} (JNI) as the other side of addressed datagrams
 * ({@link Feature#ADDRESSED_DATAGRAMS}), in the same JVM, with {@code send(ByteBuffer, SocketAddress)}
 * and {@code receive(ByteBuffer)} as a {@code DatagramChannel} has them: as the server bound to a
 * path, answering each datagram at the address {@code receive} returned, to our client bound to a
 * path (see {@link #junixsocketServes}); and as a client bound to a path that our server answers
 * at its address.
 */
class JunixsocketDatagramTest {
    private static final Feature FEATURE = Feature.ADDRESSED_DATAGRAMS;

    @AfterAll
    static void end() throws IOException {
        InteropTable.write();
    }

    @TestFactory
    Stream<DynamicNode> addressedDatagramsWithEveryBackend() {
        List<DynamicNode> cells = new ArrayList<>();
        for (Backend ours : BackendMatrixTest.backends()) {
            List<String> undeclared = FEATURE.undeclared(ours, SocketType.DGRAM);
            CellRun.test("junixsocket serves, " + ours.name() + " sends: " + FEATURE.title(),
                    JunixsocketPeerTest.JUNIXSOCKET_ACCEPTS, "junixsocket", ours.name(), SocketType.DGRAM, FEATURE,
                    undeclared, dir -> junixsocketServes(ours, dir)).forEach(cells::add);
            CellRun.test(ours.name() + " serves, junixsocket sends: " + FEATURE.title(),
                    JunixsocketPeerTest.JUNIXSOCKET_CONNECTS, ours.name(), "junixsocket", SocketType.DGRAM, FEATURE,
                    undeclared, dir -> junixsocketSends(ours, dir)).forEach(cells::add);
        }
        return cells.stream();
    }

    private static void junixsocketServes(Backend ours, Path dir) throws Throwable {
        try (Opened opened = new Opened()) {
            UnixAddress at = Rendezvous.serverAddress(FEATURE, dir);
            AFUNIXDatagramChannel server = opened.add(AFUNIXDatagramChannel.open());
            server.bind(theirs(at));
            Side side = new Side(Identity.current(), dir, at);
            // Our client is bound to a path, not autobound: junixsocket 2.10 reads a sender's
            // abstract name as all 108 bytes of sun_path, the autobound name's 5 and 103 NULs, and
            // its answer to that name is refused (ECONNREFUSED). Python answers autobound senders.
            UnixSocket client = opened.add(ours.open(SocketType.DGRAM));
            client.bind(Rendezvous.clientAddress(FEATURE, dir));
            CellRun.together(opened, () -> serve(server), () -> FEATURE.connecting(client, side));
        }
    }

    private static void junixsocketSends(Backend ours, Path dir) throws Throwable {
        try (Opened opened = new Opened()) {
            UnixAddress at = Rendezvous.serverAddress(FEATURE, dir);
            UnixSocket bound = Rendezvous.bind(ours, SocketType.DGRAM, at, opened);
            AFUNIXDatagramChannel client = opened.add(AFUNIXDatagramChannel.open());
            client.bind(theirs(Rendezvous.clientAddress(FEATURE, dir)));
            Side side = new Side(Identity.current(), dir, at);
            CellRun.together(opened,
                    () -> FEATURE.accepting(Rendezvous.accept(bound, FEATURE, null, opened), side),
                    () -> send(client, theirs(at)));
        }
    }

    /** The server's half on junixsocket: each answer goes to the address the datagram came from. */
    private static void serve(AFUNIXDatagramChannel server) throws IOException {
        ByteBuffer ping = ByteBuffer.allocate(Talk.ROOM);
        SocketAddress sender = server.receive(ping);
        check("ping".equals(text(ping)), "junixsocket received \"" + text(ping) + "\", not \"ping\"");
        server.send(ByteBuffer.wrap(Talk.ascii("pong")), sender);
        ByteBuffer hundred = ByteBuffer.allocate(Talk.ROOM);
        SocketAddress again = server.receive(hundred);
        check(Arrays.equals(Talk.pattern(100), Arrays.copyOf(hundred.array(), hundred.position())),
                "junixsocket received " + hundred.position() + " bytes, not the 100 sent");
        check(sender.equals(again), "the second datagram came from " + again + ", the first from " + sender);
        server.send(ByteBuffer.wrap(Talk.ascii(DatagramConversations.TRUNCATED_REPLY)), sender);
    }

    /** The client's half on junixsocket: each reply must come from the server's address. */
    private static void send(AFUNIXDatagramChannel client, AFUNIXSocketAddress server) throws IOException {
        byte[][] requests = {Talk.ascii("ping"), Talk.pattern(100)};
        String[] answers = {"pong", DatagramConversations.TRUNCATED_REPLY};
        for (int i = 0; i < requests.length; i++) {
            client.send(ByteBuffer.wrap(requests[i]), server);
            ByteBuffer reply = ByteBuffer.allocate(Talk.ROOM);
            SocketAddress from = client.receive(reply);
            check(answers[i].equals(text(reply)), "junixsocket received \"" + text(reply) + "\", not \"" + answers[i] + "\"");
            check(server.equals(from), "the reply came from " + from + ", not from the server " + server);
        }
    }

    private static String text(ByteBuffer buffer) {
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    }

    /** Our address as junixsocket spells it. */
    private static AFUNIXSocketAddress theirs(UnixAddress address) throws IOException {
        return AFUNIXSocketAddress.of(((UnixAddress.Pathname) address).path());
    }
}
