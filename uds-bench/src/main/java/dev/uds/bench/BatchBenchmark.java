package dev.uds.bench;

import dev.uds.MessageBatch;
import dev.uds.SocketPair;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
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
 * Many small messages across one socketpair in one thread: {@code batch} messages of
 * {@code size} bytes sent on one end and received on the other, per operation. With
 * {@code calls=batch}, one {@code sendBatch} and one {@code receiveBatch} ({@code sendmmsg(2)},
 * {@code recvmmsg(2)}) per operation, looping only if a call took fewer; with
 * {@code calls=single}, the one-at-a-time loop of {@code send} and {@code receive} it replaces.
 * The report turns the time per operation into messages per second.
 *
 * <p>The C floor ({@code batchloop serve} of {@code uds-bench/src/main/c}: the same calls with
 * the same batch, vectors made once) alternates with the measured iterations, as
 * {@link SelfLoopBenchmark}'s does: with {@code -Duds.bench.paired.batch=FILE}, a C figure is
 * taken right before each measured iteration and appended to {@code FILE}, so that each ratio to
 * C compares two figures of the same moment on this busy machine. The single loop is paired with
 * the same C batch loop: the gain of batches over single calls is then the ratio of two ratios
 * to C, which the machine's drift between the two runs leaves alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BatchBenchmark {
    /** The system property naming the file of C figures taken between iterations. */
    public static final String PAIRED_PROPERTY = "uds.bench.paired.batch";

    /** The backend and socket type, DGRAM or SEQPACKET. */
    @Param("ffm:DGRAM")
    public String target;

    /** {@code batch}: sendBatch and receiveBatch; {@code single}: send and receive per message. */
    @Param("batch")
    public String calls;

    /** Bytes per message. */
    @Param("12")
    public int size;

    /** Messages per operation. */
    @Param("64")
    public int batch;

    private UnixSocket left;
    private UnixSocket right;
    private MessageBatch out;
    private MessageBatch in;
    private ByteBuffer single;
    private ScheduledFuture<?> watchdog;
    private NativeProgram floor;
    private String floorRequest;
    private final List<String> floorFigures = new ArrayList<>();

    /** Opens the pair and the batches, and starts the C floor if asked to pair a batch run. */
    @Setup(Level.Trial)
    public void open() throws IOException {
        Target parsed = Target.parse(target);
        // A JVM's first close of an ffm socket links its downcalls (about 100 KB, once). JMH runs
        // the trial's teardown inside the last measured window, where those bytes, spread over
        // a few thousand batches, would read as allocation per batch: paid here instead.
        UnixDomain.backend(parsed.library()).pair(parsed.type()).close();
        SocketPair pair = UnixDomain.backend(parsed.library()).pair(parsed.type());
        left = pair.first();
        right = pair.second();
        out = MessageBatch.allocate(batch, size);
        in = MessageBatch.allocate(batch, size);
        single = ByteBuffer.allocateDirect(size);
        if (System.getProperty(PAIRED_PROPERTY) != null) {
            floor = NativeProgram.serve("batchloop", "serve");
            floorRequest = parsed.type() + " " + size + " " + batch + " ";
            floor.ask(floorRequest + 0.001);
        }
    }

    /**
     * Runs the C floor before a measured iteration, then arms the watchdog.
     *
     * @param iteration the iteration about to run
     * @throws IOException if the C loop fails
     */
    @Setup(Level.Iteration)
    public void arm(IterationParams iteration) throws IOException {
        if (floor != null && iteration.getType() == IterationType.MEASUREMENT) {
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
        try (UnixSocket a = left; UnixSocket b = right; NativeProgram c = floor) {
            if (c != null) {
                StringBuilder lines = new StringBuilder();
                for (String figure : floorFigures) {
                    lines.append("{\"target\":\"").append(target).append("\",\"calls\":\"").append(calls)
                            .append("\",\"size\":").append(size).append(",\"floor\":").append(figure).append("}\n");
                }
                Files.writeString(Path.of(System.getProperty(PAIRED_PROPERTY)), lines, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    /**
     * One batch of messages across.
     *
     * @return the receiving batch, so that the work is not optimized away
     * @throws IOException if a call fails
     */
    @Benchmark
    public Object messages() throws IOException {
        if (calls.equals("single")) {
            for (int i = 0; i < batch; i++) {
                single.clear();
                left.send(single);
            }
            for (int i = 0; i < batch; i++) {
                single.clear();
                right.receive(single);
            }
            return single;
        }
        for (int i = 0; i < batch; i++) {
            out.buffer(i).clear();
        }
        int sent = 0;
        while (sent < batch) {
            sent += left.sendBatch(out, sent, batch - sent);
        }
        in.clear();
        int received = 0;
        while (received < batch) {
            received += right.receiveBatch(in, received, batch - received);
        }
        return in;
    }
}
