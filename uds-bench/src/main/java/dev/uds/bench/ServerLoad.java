package dev.uds.bench;

import dev.uds.SocketType;
import dev.uds.bench.report.Figure;
import dev.uds.sum.SumServer;
import dev.uds.sum.SumServerConfig;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Servers under load: the sum server of one backend in this JVM, or the C sum server of
 * {@code uds-bench/src/main/c}, against the C load generator ({@code sum-load}) in another
 * process with 32 or 256 clients running sessions back to back. Each window of the generator
 * gives one sessions-per-second figure; the result is their mean with its 99.9% interval, as
 * {@code sum.load} figures whose size is the number of clients. The clients are C in their own
 * process so that every server is measured against the same, cheap clients, and none shares a
 * JVM with them.
 */
public final class ServerLoad {
    private ServerLoad() {
    }

    /**
     * Runs the load against one server.
     *
     * @param args the server, {@code BACKEND:TYPE} or {@code c:TYPE} (SEQPACKET or STREAM); the
     *             client counts, comma-separated; the seconds of a window; the number of
     *             windows; the figure file to append to
     * @throws IOException if the server or the load fails, or a session is answered wrong
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: ServerLoad BACKEND:TYPE CLIENTS,... SECONDS WINDOWS FIGURES_JSONL");
            System.exit(2);
        }
        String server = args[0].substring(0, args[0].indexOf(':'));
        SocketType type = SocketType.valueOf(args[0].substring(args[0].indexOf(':') + 1));
        int windows = Integer.parseInt(args[3]);
        Path figures = Path.of(args[4]);
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "uds-bench");
        Path socket = dir.resolve("sum.sock");
        List<Closeable> resources = new ArrayList<>();
        resources.add(() -> {
            Files.deleteIfExists(socket);
            Files.delete(dir);
        });
        try {
            if (server.equals("c")) {
                resources.add(NativeProgram.start("sum-server", socket.toString(), type.name()));
            } else {
                // No idle timeout: a client of 256 waits its turn longer than any timeout is meant for.
                SumServer sum = SumServer.start(SumServerConfig.defaults().withSocket(socket).withType(type)
                        .withBackend(server).withMaxClients(1024).withIdleTimeout(Duration.ZERO));
                resources.add(sum::close);
            }
            for (String clients : args[1].split(",")) {
                List<Double> rates = load(type, socket, clients, args[2], windows);
                Interval interval = Interval.of(rates);
                FigureFile.append(figures, new Figure("sum.load", server, type.name(), Integer.parseInt(clients),
                        "sessions/s", interval.mean(), interval.error(), null));
            }
        } finally {
            ChannelEndpoint.closeInReverse(resources);
        }
    }

    /** One run of the load generator: the sessions per second of each of its windows. */
    private static List<Double> load(SocketType type, Path socket, String clients, String seconds, int windows)
            throws IOException {
        List<Double> rates = new ArrayList<>();
        try (NativeProgram generator = NativeProgram.serve("sum-load", type.name(), socket.toString(), clients,
                seconds, Integer.toString(windows))) {
            for (int w = 0; w < windows; w++) {
                String line = generator.readLine();
                if (!line.startsWith("window ")) {
                    throw new IOException("sum-load printed '" + line + "' where a window's rate was due");
                }
                rates.add(Double.parseDouble(line.substring("window ".length())));
            }
            String done = generator.readLine();
            if (!done.equals("done 0")) {
                throw new IOException("sum-load against " + socket + " with " + clients + " clients: "
                        + done.substring("done ".length()) + " sessions were not answered 7");
            }
            generator.awaitSuccess();
        }
        return rates;
    }
}
