package dev.uds.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.uds.Backend;
import dev.uds.SocketType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Python 3's {@code socket} module as a peer nobody here wrote, in a child process
 * ({@code interop_peer.py}): every conversation of {@link Feature} on every socket type, with
 * Python on either side of each available backend. SEQPACKET, DGRAM, abstract addresses,
 * {@code socket.send_fds}/{@code recv_fds} against our SCM_RIGHTS, {@code SO_PEERCRED} as
 * Python reads it against the real pid, uid and gid of the test JVM, and SCM_CREDENTIALS both
 * ways. Needs {@code python3} 3.9+ on the PATH; skipped without it.
 */
class PythonPeerTest {
    static final String PYTHON_ACCEPTS = "python3 process accepts";
    static final String PYTHON_CONNECTS = "python3 process connects";

    private static final Map<String, ChildPeer> PEERS = new HashMap<>();

    @BeforeAll
    static void needsPython() throws InterruptedException {
        String why = null;
        try {
            // send_fds and recv_fds came with Python 3.9.
            Process p = new ProcessBuilder("python3", "-c", "import socket; socket.send_fds; socket.SO_PEERCRED")
                    .redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                why = "python3 on the PATH lacks socket.send_fds (Python 3.9+)";
            }
        } catch (IOException e) {
            why = "no python3 on the PATH (" + e.getMessage() + ")";
        }
        Assumptions.assumeTrue(why == null, "needs python3 3.9+: " + why);
    }

    @AfterAll
    static void end() throws IOException {
        for (ChildPeer peer : PEERS.values()) {
            peer.close();
        }
        InteropTable.write();
    }

    @Test
    void thePeerRunsUnderIdsOfItsOwnWhenTheTestsRunAsRoot() throws Throwable {
        List<String> command = ChildPeer.underOtherIds(List.of("python3"));
        Assumptions.assumeTrue(command.size() > 1, "the tests do not run as root, or there is no setpriv: "
                + "the peer runs as the test's own user");
        withPython(peer -> {
            Identity python = peer.identity();
            assertEquals(ChildPeer.CHILD_UID, python.uid(), "the Python peer's uid: " + python);
            assertEquals(ChildPeer.CHILD_GID, python.gid(), "the Python peer's gid: " + python);
        });
    }

    @TestFactory
    Stream<DynamicNode> pythonWithEveryBackend() {
        List<DynamicNode> types = new ArrayList<>();
        for (SocketType type : SocketType.values()) {
            List<DynamicNode> cells = new ArrayList<>();
            for (Backend ours : BackendMatrixTest.backends()) {
                for (Feature feature : Feature.values()) {
                    if (!feature.appliesTo(type)) {
                        continue;
                    }
                    List<String> undeclared = feature.undeclared(ours, type);
                    CellRun.test("python3 accepts, " + ours.name() + " connects: " + feature.title(),
                            PYTHON_ACCEPTS, "python3", ours.name(), type, feature, undeclared,
                            dir -> withPython(peer -> peer.takeAccepting(ours, type, feature, dir))).forEach(cells::add);
                    CellRun.test(ours.name() + " accepts, python3 connects: " + feature.title(),
                            PYTHON_CONNECTS, ours.name(), "python3", type, feature, undeclared,
                            dir -> withPython(peer -> peer.takeConnecting(ours, type, feature, dir))).forEach(cells::add);
                }
            }
            types.add(DynamicContainer.dynamicContainer(type.name(), cells));
        }
        return types.stream();
    }

    private interface PeerWork {
        void run(ChildPeer peer) throws Throwable;
    }

    /** Runs the work with the Python peer; one that fails a cell is replaced. */
    private static void withPython(PeerWork work) throws Throwable {
        ChildPeer peer = ChildPeer.reuse(PEERS, "python3", ChildPeer.underOtherIds(List.of("python3", script())));
        try {
            work.run(peer);
        } catch (Throwable t) {
            PEERS.remove("python3");
            peer.close();
            throw t;
        }
    }

    private static String script() throws URISyntaxException {
        return Path.of(PythonPeerTest.class.getResource("interop_peer.py").toURI()).toString();
    }
}
