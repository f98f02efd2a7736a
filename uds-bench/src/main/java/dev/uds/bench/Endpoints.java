package dev.uds.bench;

import dev.uds.Backend;
import dev.uds.Capability;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens connected pairs of endpoints for a {@link Target}. */
final class Endpoints {
    private Endpoints() {
    }

    /** Two connected endpoints in this JVM. */
    static Endpoint[] pair(Target target) throws IOException {
        if (target.library().equals(Target.JUNIXSOCKET)) {
            return JunixsocketEndpoints.pair(target.type());
        }
        if (target.library().equals(FloorEndpoint.LIBRARY)) {
            return FloorEndpoint.pair(target.type());
        }
        Backend backend = UnixDomain.backend(target.library());
        if (backend.supports(Capability.SOCKETPAIR)) {
            SocketPair pair = backend.pair(target.type());
            return new Endpoint[] {wrap(pair.first()), wrap(pair.second())};
        }
        // Without socketpair(2) (the jdk backend): connect through a socket file, then remove it.
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "uds-bench");
        UnixAddress address = UnixAddress.of(dir.resolve("pair.sock"));
        try (UnixSocket server = backend.listen(target.type(), address, 1)) {
            UnixSocket client = backend.connect(target.type(), address);
            return new Endpoint[] {wrap(client), wrap(server.accept())};
        } finally {
            Files.deleteIfExists(dir.resolve("pair.sock"));
            Files.delete(dir);
        }
    }

    /** A client connected to a native echo peer listening at {@code path}. */
    static Endpoint connect(Target target, Path path) throws IOException {
        return wrap(UnixDomain.backend(target.library()).connect(target.type(), UnixAddress.of(path)));
    }

    /** A uds socket's write sends all of a STREAM buffer, or one whole message, at once. */
    static Endpoint wrap(UnixSocket socket) {
        return new ChannelEndpoint(socket, false);
    }

    /** Whether a library offers the socket type here. */
    static boolean supports(String library, SocketType type) {
        if (library.equals(Target.JUNIXSOCKET)) {
            return JunixsocketEndpoints.isAvailable();
        }
        return UnixDomain.backends().stream().anyMatch(b -> b.name().equals(library) && b.supports(type));
    }
}
