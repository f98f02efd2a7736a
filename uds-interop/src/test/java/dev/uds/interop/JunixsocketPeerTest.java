package dev.uds.interop;

import static dev.uds.interop.Talk.check;

import dev.uds.Backend;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketCredentials;

/**
 * junixsocket (JNI) as a peer nobody here wrote, in the same JVM: on STREAM on either side of
 * each available backend, and on SEQPACKET as the connecting side (junixsocket cannot listen on
 * SEQPACKET). Its descriptor passing receives the file ours sent and sends one ours receives;
 * its {@code getPeerCredentials()} and ours must both name this process.
 */
class JunixsocketPeerTest {
    static final String JUNIXSOCKET_ACCEPTS = "one JVM, junixsocket accepts";
    static final String JUNIXSOCKET_CONNECTS = "one JVM, junixsocket connects";

    @AfterAll
    static void end() throws IOException {
        InteropTable.write();
    }

    @TestFactory
    Stream<DynamicNode> junixsocketWithEveryBackend() {
        List<DynamicNode> types = new ArrayList<>();
        for (SocketType type : List.of(SocketType.STREAM, SocketType.SEQPACKET)) {
            boolean stream = type == SocketType.STREAM;
            List<DynamicNode> cells = new ArrayList<>();
            for (Backend ours : BackendMatrixTest.backends()) {
                for (Feature feature : JunixsocketEnd.features(stream)) {
                    List<String> undeclared = feature.undeclared(ours, type);
                    if (stream) {
                        CellRun.test("junixsocket accepts, " + ours.name() + " connects: " + feature.title(),
                                JUNIXSOCKET_ACCEPTS, "junixsocket", ours.name(), type, feature, undeclared,
                                dir -> junixsocketAccepts(ours, type, feature, dir)).forEach(cells::add);
                    }
                    CellRun.test(ours.name() + " accepts, junixsocket connects: " + feature.title(),
                            JUNIXSOCKET_CONNECTS, ours.name(), "junixsocket", type, feature, undeclared,
                            dir -> junixsocketConnects(ours, type, feature, dir)).forEach(cells::add);
                }
            }
            types.add(DynamicContainer.dynamicContainer(type.name(), cells));
        }
        return types.stream();
    }

    private static void junixsocketAccepts(Backend ours, SocketType type, Feature feature, Path dir) throws Throwable {
        try (Opened opened = new Opened()) {
            UnixAddress at = Rendezvous.serverAddress(feature, dir);
            AFUNIXServerSocket server = opened.add(AFUNIXServerSocket.bindOn(theirs(at)));
            Side side = new Side(Identity.current(), dir, at);
            CellRun.together(opened,
                    () -> accepting(feature, opened.add(JunixsocketEnd.accept(server)), side),
                    () -> feature.connecting(Rendezvous.connect(ours, type, feature, at, null, opened), side));
        }
    }

    private static void junixsocketConnects(Backend ours, SocketType type, Feature feature, Path dir) throws Throwable {
        try (Opened opened = new Opened()) {
            UnixAddress at = Rendezvous.serverAddress(feature, dir);
            UnixSocket bound = Rendezvous.bind(ours, type, at, opened);
            Side side = new Side(Identity.current(), dir, at);
            CellRun.together(opened,
                    () -> feature.accepting(Rendezvous.accept(bound, feature, null, opened), side),
                    () -> connecting(feature, opened.add(JunixsocketEnd.connect(type == SocketType.STREAM, theirs(at))),
                            type == SocketType.STREAM, side));
        }
    }

    /** Our address as junixsocket spells it. */
    private static AFUNIXSocketAddress theirs(UnixAddress address) throws IOException {
        return address instanceof UnixAddress.Abstract a
                ? AFUNIXSocketAddress.inAbstractNamespace(new String(a.name(), StandardCharsets.US_ASCII))
                : AFUNIXSocketAddress.of(((UnixAddress.Pathname) address).path());
    }

    /** The accepting half of each conversation, on junixsocket (STREAM). */
    private static void accepting(Feature feature, JunixsocketEnd e, Side side) throws IOException {
        switch (feature) {
            case MESSAGES:
                for (int i = 1; i <= 3; i++) {
                    e.expect("ping " + i);
                    e.send(Talk.ascii("pong " + i));
                }
                break;
            case BOUNDARIES:
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                for (int size : Feature.SIZES) {
                    all.writeBytes(Talk.pattern(size));
                }
                e.expect(all.toByteArray(), "the four messages' bytes in order");
                e.send(Talk.ascii("done"));
                break;
            case END_OF_STREAM:
                e.expect("last");
                check(e.atEnd(), "junixsocket expected end of stream");
                e.send(Talk.ascii("after"));
                e.close();
                break;
            case SHUTDOWN:
                check(e.atEnd(), "junixsocket expected end of stream");
                e.send(Talk.ascii("bye"));
                e.shutdownOutput();
                break;
            case PEER_CREDENTIALS:
                checkPeer(e, side.peer());
                e.send(Talk.ascii("checked"));
                break;
            case DESCRIPTORS:
                receiveFile(e, "written by the connecting side");
                sendFile(e, side.dir(), "written by the accepting side");
                break;
            case ABSTRACT_ADDRESS:
                e.expect("abstract ping");
                e.send(Talk.ascii("abstract pong"));
                break;
            default:
                throw new IllegalArgumentException("junixsocket takes no part in " + feature);
        }
    }

    /** The connecting half of each conversation, on junixsocket (STREAM or SEQPACKET). */
    private static void connecting(Feature feature, JunixsocketEnd e, boolean stream, Side side) throws IOException {
        switch (feature) {
            case MESSAGES:
                for (int i = 1; i <= 3; i++) {
                    e.send(Talk.ascii("ping " + i));
                    e.expect("pong " + i);
                }
                break;
            case BOUNDARIES:
                for (int size : Feature.SIZES) {
                    e.send(Talk.pattern(size));
                }
                if (!stream) {
                    e.send(Talk.pattern(100));
                }
                e.expect("done");
                break;
            case END_OF_STREAM:
                e.send(Talk.ascii("last"));
                e.shutdownOutput();
                e.expect("after");
                check(e.atEnd(), "junixsocket expected end of stream");
                break;
            case SHUTDOWN:
                // No send after the shutdown here: junixsocket closes its whole socket when a write
                // fails with EPIPE, so it could not read "bye". What this row checks is our side:
                // it reads -1, and its "bye" and shutdown reach junixsocket.
                e.shutdownOutput();
                e.expect("bye");
                check(e.atEnd(), "junixsocket expected end of stream");
                break;
            case PEER_CREDENTIALS:
                checkPeer(e, side.peer());
                e.expect("checked");
                break;
            case DESCRIPTORS:
                sendFile(e, side.dir(), "written by the connecting side");
                receiveFile(e, "written by the accepting side");
                break;
            case ABSTRACT_ADDRESS:
                e.send(Talk.ascii("abstract ping"));
                e.expect("abstract pong");
                break;
            default:
                throw new IllegalArgumentException("junixsocket takes no part in " + feature);
        }
    }

    private static void checkPeer(JunixsocketEnd e, Identity peer) throws IOException {
        AFUNIXSocketCredentials c = e.peerCredentials();
        check(c.getPid() == peer.pid() && c.getUid() == peer.uid() && c.getGid() == peer.gid(),
                "junixsocket reads peer " + c + ", the peer is " + peer);
    }

    private static void sendFile(JunixsocketEnd e, Path dir, String text) throws IOException {
        Path file = Files.createTempFile(dir, "passed", ".txt");
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            e.send(Talk.ascii("fd"), in.getFD());
        }
    }

    private static void receiveFile(JunixsocketEnd e, String text) throws IOException {
        e.expect("fd");
        FileDescriptor[] fds = e.receivedDescriptors();
        check(fds != null && fds.length == 1, "junixsocket received " + (fds == null ? 0 : fds.length) + " descriptors, not 1");
        try (InputStream in = new FileInputStream(fds[0])) {
            String got = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            check(got.equals(text), "the passed file reads \"" + got + "\", not \"" + text + "\"");
        }
    }
}
