package dev.uds.bench;

import dev.uds.sum.SumClient;
import dev.uds.sum.SumReply;
import dev.uds.sum.SumServer;
import dev.uds.sum.SumServerConfig;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Sum sessions of the unix(7) example: connect, two numbers, {@code END}, the reply, by
 * {@code clients} clients at once. The server is ours ({@code ffm:SEQPACKET}: a
 * {@link SumServer} in this JVM on that backend) or the example's logic in C
 * ({@code ffm>c:SEQPACKET}: the native program, serving one client at a time). One operation is
 * one round of {@code clients} concurrent sessions; the report counts sessions per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SumSessionsBenchmark {
    /** The clients' backend and type; {@code >c} for the C server. */
    @Param("jdk:STREAM")
    public String target;

    /** Concurrent clients. */
    @Param({"1", "8", "32"})
    public int clients;

    private final List<Closeable> resources = new ArrayList<>();
    private ExecutorService pool;
    private SumClient client;

    /** Starts the server and the clients' threads. */
    @Setup(Level.Trial)
    public void start() throws IOException {
        Target t = Target.parse(target);
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "uds-bench");
        Path socket = dir.resolve("sum.sock");
        resources.add(() -> {
            Files.deleteIfExists(socket);
            Files.delete(dir);
        });
        if (t.nativePeer()) {
            resources.add(NativeProgram.start("sum-server", socket.toString()));
        } else {
            SumServer server = SumServer.start(SumServerConfig.defaults().withSocket(socket).withType(t.type())
                    .withBackend(t.library()).withMaxClients(Math.max(64, clients)));
            resources.add(server::close);
        }
        client = SumClient.of(socket).withType(t.type()).withBackend(t.library());
        pool = Executors.newFixedThreadPool(clients);
        resources.add(pool::shutdownNow);
    }

    /** Stops the server, the clients' threads, and removes the socket. */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        try {
            ChannelEndpoint.closeInReverse(resources);
        } finally {
            resources.clear();
        }
    }

    /**
     * One round: {@code clients} sessions at once, each checked for the right sum.
     *
     * @return the number of sessions
     * @throws Exception if a session fails, answers wrong, or takes longer than the watchdog allows
     */
    @Benchmark
    public int round() throws Exception {
        List<Future<SumReply>> sessions = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            sessions.add(pool.submit(() -> client.send(List.of("3", "4"))));
        }
        for (Future<SumReply> session : sessions) {
            SumReply reply;
            try {
                reply = session.get(Watchdog.ITERATION_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("a sum session on " + target + " failed", e);
            }
            if (!reply.isSum() || reply.sum() != 7) {
                throw new IOException("a sum session on " + target + " answered " + reply + ", not 7");
            }
        }
        return sessions.size();
    }
}
