package dev.uds.bench;

import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import dev.uds.bench.report.Figure;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Many idle connections: this JVM is an echo server on one backend, with a virtual thread per
 * connection parked in {@code receive}, and the C program {@code connections} opens
 * {@code count} connections to it from another process. Run with
 * {@code -Djdk.virtualThreadScheduler.parallelism=2} (bin/uds-bench does), so that two carriers
 * serve them all. Then: the time the other process takes to be served as a new client at that
 * moment (connect, one byte echoed, close; {@code probes} times, one after the other: their mean
 * with its 99.9% interval, and the slowest), and the
 * heap (after a full collection) and resident memory the connections added, per connection.
 */
public final class ManyConnections {
    private ManyConnections() {
    }

    /**
     * Runs the server and the clients' process.
     *
     * @param args the backend, the number of connections, the number of probes, the figure file
     *             to append to
     * @throws Exception if the server or the clients fail
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ManyConnections BACKEND COUNT PROBES FIGURES_JSONL");
            System.exit(2);
        }
        String backend = args[0];
        int count = Integer.parseInt(args[1]);
        int probes = Integer.parseInt(args[2]);
        Path figures = Path.of(args[3]);
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "uds-bench");
        Path path = dir.resolve("many.sock");
        Queue<IOException> failures = new ConcurrentLinkedQueue<>();
        try (UnixSocket server = UnixDomain.backend(backend).listen(SocketType.STREAM, UnixAddress.of(path), 4096)) {
            Thread acceptor = Thread.ofVirtual().name("accept").start(() -> accept(server, failures));
            Memory before = Memory.now();
            List<Double> times = new ArrayList<>();
            Memory after;
            double openSeconds;
            try (NativeProgram clients = NativeProgram.serve("connections", path.toString(), args[1], args[2])) {
                String connected = clients.readLine();
                if (!connected.startsWith("connected " + count + " ")) {
                    throw new IOException("connections printed '" + connected + "' instead of connected " + count);
                }
                openSeconds = Double.parseDouble(connected.substring(connected.lastIndexOf(' ') + 1));
                after = Memory.now();
                clients.tell("probe");
                for (String line = clients.readLine(); !line.equals("done"); line = clients.readLine()) {
                    times.add(Double.parseDouble(line.substring("probe ".length())) / 1e3);
                }
            }
            server.close();
            acceptor.join();
            if (!failures.isEmpty()) {
                IOException failure = new IOException(failures.size() + " connections of " + backend + " failed");
                failures.forEach(failure::addSuppressed);
                throw failure;
            }
            times.sort(null);
            Interval serve = Interval.of(times);
            String type = SocketType.STREAM.name();
            FigureFile.append(figures, new Figure("connections.serve.mean", backend, type, count, "ms",
                    serve.mean(), serve.error(), null));
            FigureFile.append(figures, new Figure("connections.serve.max", backend, type, count, "ms",
                    times.get(times.size() - 1), 0, null));
            FigureFile.append(figures, new Figure("connections.heap", backend, type, count, "KB/connection",
                    (after.heap() - before.heap()) / 1024.0 / count, 0, null));
            FigureFile.append(figures, new Figure("connections.rss", backend, type, count, "KB/connection",
                    (after.rss() - before.rss()) / 1024.0 / count, 0, null));
            FigureFile.append(figures, new Figure("connections.open", backend, type, count, "s", openSeconds, 0, null));
        } finally {
            Files.deleteIfExists(path);
            Files.delete(dir);
        }
    }

    /** Accepts until the server closes, each connection echoed by a virtual thread of its own. */
    private static void accept(UnixSocket server, Queue<IOException> failures) {
        while (true) {
            UnixSocket connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                if (server.isOpen()) {
                    // Not the end of the run: the clients will wait for an answer that never comes.
                    System.err.println("uds-bench: accept failed: " + e);
                    failures.add(e);
                }
                return;
            }
            Thread.ofVirtual().start(() -> echo(connection, failures));
        }
    }

    private static void echo(UnixSocket connection, Queue<IOException> failures) {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        try (connection) {
            while (connection.receive(buffer.clear()) > 0) {
                connection.send(buffer.flip());
            }
        } catch (IOException e) {
            failures.add(e);
        }
    }

    /** The used heap after a full collection, and the resident set just before it, in bytes. */
    private record Memory(long heap, long rss) {
        static Memory now() throws IOException {
            // The resident set first: a full collection may give heap pages back to the system.
            long rss = residentSetSize();
            System.gc();
            System.gc();
            return new Memory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), rss);
        }

        private static long residentSetSize() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IOException("/proc/self/status has no VmRSS line");
        }
    }
}
