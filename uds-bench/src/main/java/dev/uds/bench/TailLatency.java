package dev.uds.bench;

import dev.uds.SocketType;
import dev.uds.bench.report.Figure;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Tail latency: ping-pong across two processes, each round trip timed, for p50, p99 and p99.9
 * over {@code count} round trips (after a tenth as many untimed). The pairs, written
 * {@code CLIENT>ECHO} or one name for both sides:
 * <ul>
 *   <li>{@code c}: the C client and the C echo forked on a socketpair ({@code latency}), the
 *       floor;
 *   <li>{@code ffm}: a client on that backend in this JVM against {@link EchoPeer} on the same
 *       backend in a JVM of its own;
 *   <li>{@code ffm>c}, {@code c>ffm}: one Java side and one C side, to tell which side a tail
 *       comes from.
 * </ul>
 * Every side's samples are reduced alike ({@link Percentiles}): the C client writes its raw
 * times to a file, which this class reads.
 */
public final class TailLatency {
    private static final String[] BENCHMARKS = {"latency.p50", "latency.p99", "latency.p99.9"};
    private static final double[] PERCENTILES = {50, 99, 99.9};

    private TailLatency() {
    }

    /**
     * Measures one pair.
     *
     * @param args the pair, the socket type (STREAM or SEQPACKET), the message size, the number
     *             of timed round trips, the figure file to append to, and optionally
     *             {@code virtual} to run the Java client and echo on virtual threads
     * @throws Exception if a side fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 5 && args.length != 6) {
            System.err.println("usage: TailLatency PAIR TYPE SIZE COUNT FIGURES_JSONL [virtual]");
            System.exit(2);
        }
        String pair = args[0];
        String client = pair.contains(">") ? pair.substring(0, pair.indexOf('>')) : pair;
        String echo = pair.contains(">") ? pair.substring(pair.indexOf('>') + 1) : pair;
        SocketType type = SocketType.valueOf(args[1]);
        int size = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        boolean virtual = args.length == 6 && args[5].equals("virtual");
        long[] samples = measure(client, echo, type, size, count, virtual);
        Path figures = Path.of(args[4]);
        for (int i = 0; i < BENCHMARKS.length; i++) {
            Interval p = Percentiles.withInterval(samples, PERCENTILES[i]);
            FigureFile.append(figures, new Figure(BENCHMARKS[i], pair, type.name(), size, "us",
                    p.mean() / 1e3, p.error() / 1e3, null));
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        System.out.println(String.format(Locale.ROOT, "uds-bench: latency %s %s: p99.99 %.1f us, max %.1f us over %d",
                pair, type, Percentiles.of(sorted, 99.99) / 1e3, sorted[sorted.length - 1] / 1e3, sorted.length));
    }

    private static long[] measure(String client, String echo, SocketType type, int size, int count, boolean virtual)
            throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "uds-bench");
        Path socket = dir.resolve("echo.sock");
        Path times = dir.resolve("times.bin");
        List<Closeable> resources = new ArrayList<>();
        resources.add(() -> {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(times);
            Files.delete(dir);
        });
        try {
            if (client.equals("c") && echo.equals("c")) {
                return nativeClient(type, size, count, times, null);
            }
            if (echo.equals("c")) {
                resources.add(NativeProgram.start("echo", type.name(), Integer.toString(size), socket.toString()));
            } else {
                List<String> peer = new ArrayList<>(List.of(echo, type.name(), Integer.toString(size), socket.toString()));
                if (virtual) {
                    peer.add("virtual");
                }
                resources.add(NativeProgram.startJava(EchoPeer.class, peer.toArray(String[]::new)));
            }
            if (client.equals("c")) {
                return nativeClient(type, size, count, times, socket);
            }
            return javaClient(client, type, size, count, socket, virtual);
        } finally {
            ChannelEndpoint.closeInReverse(resources);
        }
    }

    /** The C client's times, against its own forked echo or the one at {@code socket}. */
    private static long[] nativeClient(SocketType type, int size, int count, Path times, Path socket)
            throws IOException {
        List<String> args = new ArrayList<>(List.of(type.name(), Integer.toString(size), Integer.toString(count),
                times.toString()));
        if (socket != null) {
            args.add(socket.toString());
        }
        try (NativeProgram latency = NativeProgram.serve("latency", args.toArray(String[]::new))) {
            String done = latency.readLine();
            if (!done.equals("done")) {
                throw new IOException("latency printed '" + done + "' instead of done");
            }
            latency.awaitSuccess();
        }
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(times)).order(ByteOrder.nativeOrder());
        long[] samples = new long[count];
        raw.asLongBuffer().get(samples);
        return samples;
    }

    /** This JVM's client's times, on a platform thread or a virtual one. */
    private static long[] javaClient(String backend, SocketType type, int size, int count, Path socket,
            boolean virtual) throws Exception {
        long[] samples = new long[count];
        IOException[] failure = new IOException[1];
        Runnable loop = () -> {
            try (Endpoint peer = Endpoints.connect(new Target(backend, type, false), socket)) {
                ByteBuffer out = ByteBuffer.allocateDirect(size);
                ByteBuffer in = ByteBuffer.allocateDirect(size);
                for (int i = -count / 10; i < count; i++) {
                    long start = System.nanoTime();
                    out.clear();
                    peer.send(out);
                    in.clear();
                    peer.receiveExactly(in);
                    if (i >= 0) {
                        samples[i] = System.nanoTime() - start;
                    }
                }
            } catch (IOException e) {
                failure[0] = e;
            }
        };
        Thread thread = virtual ? Thread.ofVirtual().start(loop) : Thread.ofPlatform().start(loop);
        thread.join();
        if (failure[0] != null) {
            throw new IOException("the " + backend + " client of the echo at " + socket + " failed", failure[0]);
        }
        return samples;
    }
}
