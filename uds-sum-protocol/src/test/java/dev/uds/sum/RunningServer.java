package dev.uds.sum;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A {@link SumServer} on one transport in a test's directory, stopped by {@link #close()}. */
final class RunningServer implements AutoCloseable {
    final Transport transport;
    final SumServer server;
    final Path socket;

    private RunningServer(Transport transport, SumServer server) {
        this.transport = transport;
        this.server = server;
        this.socket = server.socket();
    }

    static RunningServer start(Transport transport, Path dir) throws IOException {
        return start(transport, dir, config -> config);
    }

    static RunningServer start(Transport transport, Path dir, UnaryOperator<SumServerConfig> tweak) throws IOException {
        transport.assumePresent();
        return new RunningServer(transport, SumServer.start(config(transport, dir.resolve("sum.socket"), tweak)));
    }

    static SumServerConfig config(Transport transport, Path socket, UnaryOperator<SumServerConfig> tweak) {
        return tweak.apply(SumServerConfig.defaults().withSocket(socket).withType(transport.type())
                .withBackend(transport.backend()));
    }

    SumClient client() {
        return SumClient.of(socket).withType(transport.type()).withBackend(transport.backend());
    }

    RawConnection connect() throws IOException {
        return RawConnection.open(transport, socket);
    }

    @Override
    public void close() {
        server.close();
    }
}
