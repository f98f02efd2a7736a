package dev.uds.bench;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * A client and an echo peer, each on its own thread (or, for {@code library>c} targets, the
 * native echo program in its own process): the latency of a round trip with a context switch
 * each way, sampled for percentiles.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PingPongBenchmark {
    /** The library and socket type, and whether the peer is native. */
    @Param("jdk:STREAM")
    public String target;

    /** Bytes each way. */
    @Param("12")
    public int size;

    private final List<Closeable> resources = new ArrayList<>();
    private volatile boolean closing;
    private Endpoint client;
    private ByteBuffer out;
    private ByteBuffer in;
    private ScheduledFuture<?> watchdog;

    /** Starts the echo peer and connects to it. */
    @Setup(Level.Trial)
    public void open() throws IOException {
        Target t = Target.parse(target);
        out = ByteBuffer.allocateDirect(size);
        in = ByteBuffer.allocateDirect(size);
        if (t.nativePeer()) {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "uds-bench");
            NativeProgram echo = NativeProgram.start("echo", t.type().name(), Integer.toString(size),
                    dir.resolve("echo.sock").toString());
            resources.add(() -> {
                echo.close();
                Files.deleteIfExists(dir.resolve("echo.sock"));
                Files.delete(dir);
            });
            client = Endpoints.connect(t, dir.resolve("echo.sock"));
            resources.add(client::close);
            return;
        }
        Endpoint[] pair = Endpoints.pair(t);
        client = pair[0];
        Endpoint echo = pair[1];
        resources.add(client::close);
        resources.add(echo::close);
        Thread echoThread = new Thread(() -> echo(echo), "uds-bench-echo");
        echoThread.setDaemon(true);
        echoThread.start();
    }

    private void echo(Endpoint peer) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        try {
            while (true) {
                buffer.clear();
                peer.receiveExactly(buffer);
                buffer.flip();
                peer.send(buffer);
            }
        } catch (IOException e) {
            if (!closing) {
                // The client will wait for an answer that never comes, until the watchdog ends it.
                System.err.println("uds-bench: echo peer of " + target + " failed: " + e);
            }
        }
    }

    /** Arms the watchdog for the iteration. */
    @Setup(Level.Iteration)
    public void arm() {
        watchdog = Watchdog.arm(List.of(client));
    }

    /** Disarms it. */
    @TearDown(Level.Iteration)
    public void disarm() {
        watchdog.cancel(false);
    }

    /** Closes the sockets and stops the peer. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        closing = true;
        try {
            ChannelEndpoint.closeInReverse(resources);
        } finally {
            resources.clear();
        }
    }

    /**
     * One round trip through the echo.
     *
     * @return the buffer, so that the work is not optimized away
     * @throws IOException if a call fails
     */
    @Benchmark
    public ByteBuffer roundTrip() throws IOException {
        out.clear();
        client.send(out);
        in.clear();
        client.receiveExactly(in);
        return in;
    }
}
