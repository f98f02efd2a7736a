package dev.uds.net.peers;

import dev.uds.Capability;
import dev.uds.UnixDomain;
import java.util.List;
import java.util.stream.Stream;

/**
 * The backends each peer test runs on. pgjdbc sets a read timeout on its socket at least when it
 * closes a connection (1 s, to send Terminate) and when HikariCP checks one ({@code isValid}), so
 * its tests run on the backends that declare {@link Capability#RECEIVE_TIMEOUT}; on the others
 * the view refuses the timeout with a message that names the reason, which
 * {@code PgjdbcTest.pgjdbcsDefaultsNeedAReceiveTimeoutAndSayWhereTheBackendHasNone} pins. A
 * backend that gains the capability joins those tests by itself.
 */
final class PeerBackends {
    /**
     * Every backend that must be available on the runtime: all three on the build's JDK,
     * {@code jdk} and {@code jnr} on Java 17 (uds-net's java17-runtime run). A missing one fails
     * its tests, never skips them.
     */
    static final List<String> ALL = Runtime.version().feature() >= 22 ? List.of("jdk", "ffm", "jnr") : List.of("jdk", "jnr");

    private PeerBackends() {
    }

    /** Every backend. */
    static Stream<String> all() {
        return ALL.stream();
    }

    /** The backends whose sockets take a read timeout, which pgjdbc needs. */
    static Stream<String> withReceiveTimeouts() {
        return ALL.stream().filter(name -> UnixDomain.backend(name).supports(Capability.RECEIVE_TIMEOUT));
    }
}
