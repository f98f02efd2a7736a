package dev.uds.sum;

import dev.uds.Backend;
import dev.uds.SocketType;
import dev.uds.UnixDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A backend and a socket type the sum protocol can run on; the parameter of every end-to-end
 * test, so each runs on every backend present that offers the type.
 *
 * @param backend the backend's name, null for the placeholder used when none is present
 * @param type    the socket type
 */
public record Transport(String backend, SocketType type) {

    /** Every available backend with each connection type it offers. */
    public static Stream<Transport> all() {
        return present(SocketType.SEQPACKET, SocketType.STREAM);
    }

    /** Every available backend that offers SEQPACKET, the example's type. */
    public static Stream<Transport> seqpacket() {
        return present(SocketType.SEQPACKET);
    }

    /**
     * One transport per available backend: SEQPACKET, the example's type, where the backend has
     * it, else STREAM (the {@code jdk} backend). What the reliability tests load each backend with.
     */
    public static Stream<Transport> eachBackend() {
        List<Transport> found = new ArrayList<>();
        for (Backend backend : UnixDomain.backends()) {
            if (backend.supports(SocketType.SEQPACKET)) {
                found.add(new Transport(backend.name(), SocketType.SEQPACKET));
            } else if (backend.supports(SocketType.STREAM)) {
                found.add(new Transport(backend.name(), SocketType.STREAM));
            }
        }
        if (found.isEmpty()) {
            found.add(new Transport(null, SocketType.SEQPACKET));
        }
        return found.stream();
    }

    private static Stream<Transport> present(SocketType... types) {
        List<Transport> found = new ArrayList<>();
        for (Backend backend : UnixDomain.backends()) {
            for (SocketType type : types) {
                if (backend.supports(type)) {
                    found.add(new Transport(backend.name(), type));
                }
            }
        }
        if (found.isEmpty()) {
            // A parameterized test needs one invocation: this one is skipped with the reason.
            found.add(new Transport(null, types[0]));
        }
        return found.stream();
    }

    /** Skips the test, saying why, when no backend offers the type. */
    public void assumePresent() {
        String reason = "no available backend offers " + type + " (backends: " + UnixDomain.backends() + ")";
        if (backend == null) {
            System.err.println("SKIPPED: " + reason);
        }
        Assumptions.assumeTrue(backend != null, reason);
    }

    @Override
    public String toString() {
        return (backend == null ? "none" : backend) + " " + type;
    }
}
