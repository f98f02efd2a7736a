package dev.uds.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * One thread, one connected pair: {@code size} bytes written on one end and read on the other,
 * then back. No context switch, so the time is the kernel's work plus what the library adds to
 * each call. Direct buffers, as a library that cares about speed is used.
 *
 * <p>The C floor alternates with the measured iterations: with {@code -Duds.bench.paired=FILE},
 * the C loop ({@code selfloop serve} of {@code uds-bench/src/main/c}, one process per trial that
 * waits on its input meanwhile) runs for as long as an iteration right before each measured
 * iteration, and its figures are appended to {@code FILE}, one JSON line per iteration. Asking it
 * allocates a few hundred bytes per iteration, which would show in {@code -prof gc}; so
 * {@code bin/uds-bench} measures allocation in a run of its own, without the property. This machine's speed drifts by tens of percent over minutes, far more than the
 * difference being measured; a C figure taken seconds before each Java figure, in the same run,
 * cancels that drift out of their ratio (the report pairs them, {@code PairedFloor}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SelfLoopBenchmark {
    /** The system property naming the file of C figures taken between iterations. */
    public static final String PAIRED_PROPERTY = "uds.bench.paired";

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
    /** The C selfloop, answering between iterations; null unless paired. */
    private NativeProgram floor;
    /** What the floor is asked, but for the seconds: "TYPE SIZE ". */
    private String floorRequest;
    /** Its figures, one per measured iteration, written to the paired file at the end of the trial. */
    private final List<String> floorFigures = new ArrayList<>();

    /** Opens the pair, and starts the C floor if asked to pair. */
    @Setup(Level.Trial)
    public void open() throws IOException {
        Endpoint[] pair = Endpoints.pair(Target.parse(target));
        left = pair[0];
        right = pair[1];
        out = ByteBuffer.allocateDirect(size);
        in = ByteBuffer.allocateDirect(size);
        if (System.getProperty(PAIRED_PROPERTY) != null) {
            floor = NativeProgram.serve("selfloop", "serve");
            floorRequest = Target.parse(target).type() + " " + size + " ";
            floor.ask(floorRequest + 0.001); // the first request's one-time allocations go here
        }
    }

    /**
     * Runs the C floor before a measured iteration (see the class comment), then arms the
     * watchdog for the iteration.
     *
     * @param iteration the iteration about to run, as JMH describes it
     * @throws IOException if the C loop fails
     */
    @Setup(Level.Iteration)
    public void arm(IterationParams iteration) throws IOException {
        if (floor != null && iteration.getType() == IterationType.MEASUREMENT) {
            // No formatting here: whatever this allocates counts in the iteration's -prof gc figure.
            double seconds = iteration.getTime().convertTo(TimeUnit.MILLISECONDS) / 1000.0;
            floorFigures.add(floor.ask(floorRequest + seconds));
        }
        watchdog = Watchdog.arm(List.of(left, right));
    }

    /** Disarms it. */
    @TearDown(Level.Iteration)
    public void disarm() {
        watchdog.cancel(false);
    }

    /** Closes the pair and the C floor, and appends the floor's figures to the paired file. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        try (Endpoint a = left; Endpoint b = right; NativeProgram c = floor) {
            if (c != null) {
                // Plain appends, no formatter: the last measured iteration's -prof gc figure includes this.
                StringBuilder lines = new StringBuilder();
                for (String figure : floorFigures) {
                    lines.append("{\"target\":\"").append(target).append("\",\"size\":").append(size)
                            .append(",\"floor\":").append(figure).append("}\n");
                }
                Files.writeString(Path.of(System.getProperty(PAIRED_PROPERTY)), lines, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
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
