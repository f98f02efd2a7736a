package dev.uds.bench;

import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The Java echo peer of the tail-latency benchmark, in a JVM of its own: listens at a path on
 * one backend, prints {@code ready}, echoes messages of a fixed size on one connection until it
 * ends, then exits. On a platform thread, or with {@code virtual} on a virtual thread, so that a
 * run can tell the poller's part in the tail.
 */
public final class EchoPeer {
    private EchoPeer() {
    }

    /**
     * Serves one connection.
     *
     * @param args the backend, the socket type, the message size, the path, and optionally
     *             {@code virtual}
     * @throws Exception if a call fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: EchoPeer BACKEND TYPE SIZE PATH [virtual]");
            System.exit(2);
        }
        SocketType type = SocketType.valueOf(args[1]);
        int size = Integer.parseInt(args[2]);
        Path path = Path.of(args[3]);
        try (UnixSocket server = UnixDomain.backend(args[0]).listen(type, UnixAddress.of(path), 1)) {
            System.out.println("ready");
            System.out.flush();
            try (UnixSocket peer = server.accept()) {
                Endpoint echo = Endpoints.wrap(peer);
                Runnable loop = () -> echo(echo, size);
                Thread thread = args.length == 5 ? Thread.ofVirtual().start(loop) : Thread.ofPlatform().start(loop);
                thread.join();
            }
        }
    }

    private static void echo(Endpoint peer, int size) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        try {
            while (true) {
                buffer.clear();
                peer.receiveExactly(buffer);
                buffer.flip();
                peer.send(buffer);
            }
        } catch (IOException e) {
            // The client closing its end ends the echo with "end of stream": the normal way out.
            if (!e.getMessage().startsWith("end of stream")) {
                System.err.println("uds-bench: echo peer failed: " + e);
            }
        }
    }
}
