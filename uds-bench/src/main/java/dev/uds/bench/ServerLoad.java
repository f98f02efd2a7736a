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
 *
 * <p>Beside the rate, the CPU time per session of the server's process ({@code sum.load.cpu})
 * and of the clients' ({@code sum.load.clients.cpu}), over the same windows: on a shared machine
 * the rate follows whatever else runs, the CPU a session costs much less. On 2 cores the two
 * together bound the rate: at most 2 s of CPU per second, shared by server and clients.
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
        if (windows < 2) {
            throw new IllegalArgumentException("WINDOWS is " + windows + ": the CPU per session needs at least 2");
        }
        Path figures = Path.of(args[4]);
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "uds-bench");
        Path socket = dir.resolve("sum.sock");
        List<Closeable> resources = new ArrayList<>();
        resources.add(() -> {
            Files.deleteIfExists(socket);
            Files.delete(dir);
        });
        try {
            long serverPid = ProcessHandle.current().pid();
            if (server.equals("c")) {
                NativeProgram c = NativeProgram.start("sum-server", socket.toString(), type.name());
                resources.add(c);
                serverPid = c.pid();
            } else {
                // No idle timeout: a client of 256 waits its turn longer than any timeout is meant for.
                SumServer sum = SumServer.start(SumServerConfig.defaults().withSocket(socket).withType(type)
                        .withBackend(server).withMaxClients(1024).withIdleTimeout(Duration.ZERO));
                resources.add(sum::close);
            }
            for (String clients : args[1].split(",")) {
                Load load = load(type, socket, clients, args[2], windows, serverPid);
                Interval interval = Interval.of(load.rates());
                int count = Integer.parseInt(clients);
                FigureFile.append(figures, new Figure("sum.load", server, type.name(), count,
                        "sessions/s", interval.mean(), interval.error(), null));
                FigureFile.append(figures, new Figure("sum.load.cpu", server, type.name(), count,
                        "µs/session", load.serverCpu(), 0, null));
                FigureFile.append(figures, new Figure("sum.load.clients.cpu", server, type.name(), count,
                        "µs/session", load.clientsCpu(), 0, null));
            }
        } finally {
            ChannelEndpoint.closeInReverse(resources);
        }
    }

    /**
     * One run's figures.
     *
     * @param rates      the sessions per second of each window
     * @param serverCpu  the server's CPU microseconds per session, over all windows but the first
     * @param clientsCpu the clients' CPU microseconds per session, over the same windows
     */
    private record Load(List<Double> rates, double serverCpu, double clientsCpu) {
    }

    /** One run of the load generator. */
    private static Load load(SocketType type, Path socket, String clients, String seconds, int windows, long serverPid)
            throws IOException {
        List<Double> rates = new ArrayList<>();
        long serverStart = 0;
        long clientsStart = 0;
        long serverEnd = 0;
        long clientsEnd = 0;
        try (NativeProgram generator = NativeProgram.serve("sum-load", type.name(), socket.toString(), clients,
                seconds, Integer.toString(windows))) {
            for (int w = 0; w < windows; w++) {
                String line = generator.readLine();
                if (!line.startsWith("window ")) {
                    throw new IOException("sum-load printed '" + line + "' where a window's rate was due");
                }
                String[] figures = line.split(" ");
                rates.add(Double.parseDouble(figures[1]));
                // From the end of the first window to the end of the last: the clients' CPU as
                // the generator read it then, the server's as near as the line comes.
                if (w == 0) {
                    serverStart = ProcessCpu.nanos(serverPid);
                    clientsStart = Long.parseLong(figures[2]);
                } else if (w == windows - 1) {
                    serverEnd = ProcessCpu.nanos(serverPid);
                    clientsEnd = Long.parseLong(figures[2]);
                }
            }
            String done = generator.readLine();
            if (!done.equals("done 0")) {
                throw new IOException("sum-load against " + socket + " with " + clients + " clients: "
                        + done.substring("done ".length()) + " sessions were not answered 7");
            }
            generator.awaitSuccess();
        }
        double sessions = rates.subList(1, rates.size()).stream().mapToDouble(Double::doubleValue).sum()
                * Double.parseDouble(seconds);
        return new Load(rates, (serverEnd - serverStart) / 1e3 / sessions, (clientsEnd - clientsStart) / 1e3 / sessions);
    }
}
