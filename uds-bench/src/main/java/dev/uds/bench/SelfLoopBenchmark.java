package dev.uds.bench;

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
 * One thread, one connected pair: {@code size} bytes written on one end and read on the other,
 * then back. No context switch, so the time is the kernel's work plus what the library adds to
 * each call. Direct buffers, as a library that cares about speed is used.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SelfLoopBenchmark {
    /** The library and socket type; {@code bin/uds-bench} passes every one available. */
    @Param("jdk:STREAM")
    public String target;

    /** Bytes each way. */
    @Param({"12", "1024"})
    public int size;

    private Endpoint left;
    private Endpoint right;
    private ByteBuffer out;
    private ByteBuffer in;
    private ScheduledFuture<?> watchdog;

    /** Opens the pair. */
    @Setup(Level.Trial)
    public void open() throws IOException {
        Endpoint[] pair = Endpoints.pair(Target.parse(target));
        left = pair[0];
        right = pair[1];
        out = ByteBuffer.allocateDirect(size);
        in = ByteBuffer.allocateDirect(size);
    }

    /** Arms the watchdog for the iteration. */
    @Setup(Level.Iteration)
    public void arm() {
        watchdog = Watchdog.arm(List.of(left, right));
    }

    /** Disarms it. */
    @TearDown(Level.Iteration)
    public void disarm() {
        watchdog.cancel(false);
    }

    /** Closes the pair. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        try (Endpoint a = left; Endpoint b = right) {
            // both closed, failures kept
        }
    }

    /**
     * One round trip.
     *
     * @return the buffer, so that the work is not optimized away
     * @throws IOException if a call fails
     */
    @Benchmark
    public ByteBuffer roundTrip() throws IOException {
        out.clear();
        left.send(out);
        in.clear();
        right.receiveExactly(in);
        out.clear();
        right.send(out);
        in.clear();
        left.receiveExactly(in);
        return in;
    }
}
