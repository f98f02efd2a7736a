package dev.uds.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Backend;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every backend's accepting side with every backend's connecting side, for every socket type
 * and every conversation of {@link Feature}: in one JVM, and across two processes with either
 * side in a child JVM ({@link InteropPeer}) on its own backend. A cell is "not supported" only
 * where a backend's declaration lacks the type or a capability the conversation needs.
 */
class BackendMatrixTest {
    static final String ONE_JVM = "one JVM";
    static final String CHILD_ACCEPTS = "two JVMs, accepting side in the child";
    static final String CHILD_CONNECTS = "two JVMs, connecting side in the child";

    private static final Map<String, ChildPeer> CHILDREN = new HashMap<>();

    @AfterAll
    static void end() throws Exception {
        for (ChildPeer child : CHILDREN.values()) {
            child.close();
        }
        InteropTable.write();
    }

    /** The backends available on this runtime (on Java 17: jdk and jnr; ffm needs 22). */
    static List<Backend> backends() {
        return UnixDomain.backends().stream().filter(Backend::isAvailable).toList();
    }

    @Test
    void runsOnTheJavaTheBuildAsksFor() {
        // The java17-runtime execution names 17; a wrong <jvm> would silently rerun the build JDK.
        String expected = System.getProperty("uds.expected.java.feature");
        if (expected != null) {
            assertEquals(Integer.parseInt(expected), Runtime.version().feature(), "the runtime of this test run");
        }
        assertTrue(backends().stream().anyMatch(b -> b.name().equals("jdk")) && backends().size() >= 2,
                "at least jdk and jnr are available on every runtime: " + UnixDomain.backends());
    }

    @TestFactory
    Stream<DynamicNode> oneJvm() {
        return matrix(ONE_JVM, (server, client, type, feature, dir) -> {
            try (Opened opened = new Opened()) {
                UnixAddress at = Rendezvous.serverAddress(feature, dir);
                UnixAddress from = Rendezvous.clientAddress(feature, dir);
                UnixSocket bound = Rendezvous.bind(server, type, at, opened);
                Side side = new Side(Identity.current(), dir, at);
                CellRun.together(opened,
                        () -> feature.accepting(Rendezvous.accept(bound, feature, from, opened), side),
                        () -> feature.connecting(Rendezvous.connect(client, type, feature, at, from, opened), side));
            }
        });
    }

    @TestFactory
    Stream<DynamicNode> twoJvmsAcceptingInChild() {
        return matrix(CHILD_ACCEPTS, (server, client, type, feature, dir) ->
                inChild(server, child -> child.takeAccepting(client, type, feature, dir)));
    }

    @TestFactory
    Stream<DynamicNode> twoJvmsConnectingInChild() {
        return matrix(CHILD_CONNECTS, (server, client, type, feature, dir) ->
                inChild(client, child -> child.takeConnecting(server, type, feature, dir)));
    }

    private interface Pairing {
        void run(Backend server, Backend client, SocketType type, Feature feature, Path dir) throws Throwable;
    }

    private interface ChildWork {
        void run(ChildPeer child) throws Throwable;
    }

    private static Stream<DynamicNode> matrix(String where, Pairing pairing) {
        List<DynamicNode> types = new ArrayList<>();
        for (SocketType type : SocketType.values()) {
            List<DynamicNode> cells = new ArrayList<>();
            for (Backend server : backends()) {
                for (Backend client : backends()) {
                    for (Feature feature : Feature.values()) {
                        if (!feature.appliesTo(type)) {
                            continue;
                        }
                        List<String> undeclared = new ArrayList<>(feature.undeclared(server, type));
                        feature.undeclared(client, type).stream().filter(r -> !undeclared.contains(r)).forEach(undeclared::add);
                        CellRun.test(server.name() + " accepts, " + client.name() + " connects: " + feature.title(),
                                where, server.name(), client.name(), type, feature, undeclared,
                                dir -> pairing.run(server, client, type, feature, dir)).forEach(cells::add);
                    }
                }
            }
            types.add(DynamicContainer.dynamicContainer(type.name(), cells));
        }
        return types.stream();
    }

    /** Runs the work with the child JVM of that backend; a child that fails a cell is replaced. */
    private static void inChild(Backend backend, ChildWork work) throws Throwable {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ChildPeer child = ChildPeer.reuse(CHILDREN, "jvm-" + backend.name(), ChildPeer.underOtherIds(List.of(java,
                "--enable-native-access=ALL-UNNAMED", "-Duds.backend=" + backend.name(),
                "-cp", System.getProperty("java.class.path"), InteropPeer.class.getName())));
        try {
            work.run(child);
        } catch (Throwable t) {
            CHILDREN.remove("jvm-" + backend.name());
            child.close();
            throw t;
        }
    }
}
