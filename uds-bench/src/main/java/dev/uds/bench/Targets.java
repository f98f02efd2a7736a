package dev.uds.bench;

import dev.uds.Backend;
import dev.uds.Capability;
import dev.uds.SocketType;
import dev.uds.UnixDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints, for {@code bin/uds-bench}, the targets each benchmark runs on here: every available
 * backend with each type it offers, and junixsocket with each type. A backend that is not
 * installed or not available is left out, and a note on standard error says why.
 */
public final class Targets {
    private Targets() {
    }

    /**
     * Prints the targets of one benchmark as a comma-separated list.
     *
     * @param args {@code selfloop}, {@code pingpong}, {@code throughput}, {@code sum},
     *             {@code pgjdbc} or {@code batch}; then
     *             {@code --native} if the C programs were built
     */
    public static void main(String[] args) {
        String benchmark = args.length > 0 ? args[0] : "selfloop";
        boolean nativePeers = List.of(args).contains("--native");
        List<String> targets = new ArrayList<>();
        if (benchmark.equals("selfloop")) {
            // The FFM floor (FloorEndpoint), which ffm's selfloop is held to, measured in the same run.
            for (SocketType type : types(benchmark)) {
                targets.add(FloorEndpoint.LIBRARY + ":" + type);
            }
        }
        for (Backend backend : UnixDomain.backends()) {
            if (!backend.isAvailable()) {
                System.err.println("uds-bench: backend " + backend.name() + " left out: "
                        + backend.unavailabilityCause().map(Throwable::toString).orElse("unavailable"));
                continue;
            }
            if (benchmark.equals("pgjdbc") && !backend.supports(Capability.RECEIVE_TIMEOUT)) {
                // pgjdbc sets a read timeout at least when it closes a connection (1 s, to send
                // Terminate), which uds-net's Socket refuses on a backend without one.
                System.err.println("uds-bench: backend " + backend.name() + " left out of pgjdbc: it has no "
                        + Capability.RECEIVE_TIMEOUT.description() + ", which pgjdbc needs");
                continue;
            }
            for (SocketType type : types(benchmark)) {
                if (backend.supports(type) && (!benchmark.equals("batch") || backend.supports(Capability.BATCHES))) {
                    targets.add(backend.name() + ":" + type);
                    if (nativePeers && hasNativePeer(benchmark, type)) {
                        targets.add(backend.name() + ">c:" + type);
                    }
                }
            }
        }
        for (String expected : List.of("jdk", "ffm", "jnr")) {
            if (UnixDomain.backends().stream().noneMatch(b -> b.name().equals(expected))) {
                System.err.println("uds-bench: backend " + expected + " is not installed; left out");
            }
        }
        if (benchmark.equals("sum") || benchmark.equals("batch")) {
            // junixsocket has no sum server or client, and no batches: these run on uds only.
        } else if (JunixsocketEndpoints.isAvailable()) {
            for (SocketType type : types(benchmark)) {
                targets.add(Target.JUNIXSOCKET + ":" + type);
            }
        } else {
            System.err.println("uds-bench: junixsocket's native library does not load here; left out");
        }
        if (benchmark.equals("pgjdbc")) {
            // pgjdbc's own transport, TCP on the loopback, to the same server.
            targets.add(PgjdbcSession.TCP + ":" + SocketType.STREAM);
        }
        System.out.println(String.join(",", targets));
    }

    private static List<SocketType> types(String benchmark) {
        return switch (benchmark) {
            case "throughput", "pgjdbc" -> List.of(SocketType.STREAM);
            case "sum" -> List.of(SocketType.SEQPACKET, SocketType.STREAM);
            case "batch" -> List.of(SocketType.DGRAM, SocketType.SEQPACKET);
            default -> List.of(SocketType.values());
        };
    }

    /** The C echo serves STREAM and SEQPACKET connections; the C sum server, the example's SEQPACKET. */
    private static boolean hasNativePeer(String benchmark, SocketType type) {
        return switch (benchmark) {
            case "pingpong" -> type.isConnectionOriented();
            case "sum" -> type == SocketType.SEQPACKET;
            default -> false;
        };
    }
}
