package dev.uds.bench;

import dev.uds.SocketType;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 * STREAM throughput: 64 KiB writes one way, drained by a reader thread. The score is writes per
 * second; the report turns it into MB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ThroughputBenchmark {
    /** Bytes per write. */
    public static final int BLOCK = 64 * 1024;

    /** The library; the type is always STREAM. */
    @Param("jdk:STREAM")
    public String target;

    private Endpoint writer;
    private Endpoint reader;
    private ByteBuffer block;
    private ScheduledFuture<?> watchdog;
    private volatile boolean closing;

    /** Opens the pair and starts the reader. */
    @Setup(Level.Trial)
    public void open() throws IOException {
        Target t = Target.parse(target);
        if (t.type() != SocketType.STREAM) {
            throw new IllegalArgumentException("throughput is measured on STREAM only, not " + t);
        }
        Endpoint[] pair = Endpoints.pair(t);
        writer = pair[0];
        reader = pair[1];
        block = ByteBuffer.allocateDirect(BLOCK);
        Thread drain = new Thread(this::drain, "uds-bench-drain");
        drain.setDaemon(true);
        drain.start();
    }

    private void drain() {
        ByteBuffer sink = ByteBuffer.allocateDirect(BLOCK);
        try {
            do {
                sink.clear();
            } while (reader.receive(sink) >= 0);
        } catch (IOException e) {
            if (!closing) {
                System.err.println("uds-bench: reader of " + target + " failed: " + e);
            }
        }
    }

    /** Arms the watchdog for the iteration. */
    @Setup(Level.Iteration)
    public void arm() {
        watchdog = Watchdog.arm(List.of(writer, reader));
    }

    /** Disarms it. */
    @TearDown(Level.Iteration)
    public void disarm() {
        watchdog.cancel(false);
    }

    /** Closes the pair, which ends the reader. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        closing = true;
        try (Endpoint a = writer; Endpoint b = reader) {
            // both closed, failures kept
        }
    }

    /**
     * One 64 KiB write.
     *
     * @return the buffer, so that the work is not optimized away
     * @throws IOException if the write fails
     */
    @Benchmark
    public ByteBuffer write() throws IOException {
        block.clear();
        writer.send(block);
        return block;
    }
}
