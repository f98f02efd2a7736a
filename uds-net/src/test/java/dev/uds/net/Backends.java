package dev.uds.net;

import dev.uds.Backend;
import dev.uds.Capability;
import dev.uds.SocketType;
import dev.uds.UnixDomain;
import java.util.List;
import java.util.stream.Stream;

/** The parameter of every view test: each backend on the test class path, which all offer STREAM here. */
final class Backends {
    /**
     * The backends this module's tests depend on; each must be available on the runtime: all
     * three on the build's JDK, {@code jdk} and {@code jnr} on Java 17 (the java17-runtime run).
     */
    static final List<String> EXPECTED = Runtime.version().feature() >= 22
            ? List.of("jdk", "ffm", "jnr") : List.of("jdk", "jnr");

    private Backends() {
    }

    /** Every expected backend, named for the test display; a missing one fails its tests, never skips them. */
    static Stream<String> all() {
        return EXPECTED.stream();
    }

    static Backend named(String name) {
        Backend backend = UnixDomain.backend(name);
        if (!backend.supports(SocketType.STREAM)) {
            throw new AssertionError("backend " + name + " must offer STREAM on this build: " + backend);
        }
        return backend;
    }

    static boolean supports(String name, Capability capability) {
        return named(name).supports(capability);
    }
}
