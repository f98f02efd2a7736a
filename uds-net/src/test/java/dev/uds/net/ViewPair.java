package dev.uds.net;

import dev.uds.SocketType;
import dev.uds.UnixAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;

/**
 * Two connected {@link Socket} views on one backend, both ends real: a client from a
 * {@link UnixSocketFactory} and the server's end from a {@link ServerSocket} view's accept.
 */
record ViewPair(ServerSocket server, Socket client, Socket accepted) implements AutoCloseable {

    static ViewPair open(String backend, Path dir) throws IOException {
        UnixAddress address = UnixAddress.of(dir.resolve("pair.sock"));
        ServerSocket server = UnixSockets.serverSocket(Backends.named(backend).listen(SocketType.STREAM, address, 4));
        Socket client = null;
        try {
            client = UnixSocketFactory.of(backend, address).createSocket("ignored", 1);
            return new ViewPair(server, client, server.accept());
        } catch (IOException | RuntimeException | Error e) {
            if (client != null) {
                client.close();
            }
            server.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try (server; client; accepted) {
            // closes all three
        }
    }
}
