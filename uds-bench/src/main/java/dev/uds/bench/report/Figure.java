package dev.uds.bench.report;

/**
 * One measured figure of {@code results.json}.
 *
 * @param benchmark     {@code selfloop}, {@code pingpong.p50}, {@code pingpong.p99},
 *                      {@code throughput}, {@code alloc.selfloop}, {@code sum.sessions},
 *                      {@code pgjdbc.select1}, {@code pgjdbc.fetch}, and their best iteration
 *                      {@code pgjdbc.select1.best}, {@code pgjdbc.fetch.best}; and from
 *                      the runs outside JMH ({@code figures-*.jsonl}): {@code sum.load}, {@code sum.load.cpu}, {@code sum.load.clients.cpu},
 *                      {@code latency.p50}, {@code latency.p99}, {@code latency.p99.9},
 *                      {@code connections.serve.mean}, {@code connections.serve.max},
 *                      {@code connections.heap}, {@code connections.rss}, {@code connections.open}
 * @param backend       {@code jdk}, {@code ffm}, {@code jnr}, {@code junixsocket}, {@code c},
 *                      {@code ffm>c} for a Java client against the C peer, {@code c>ffm} for
 *                      the C client against a Java peer, or {@code tcp} (pgjdbc over TCP on the
 *                      loopback)
 * @param socketType    STREAM, DGRAM or SEQPACKET
 * @param size          bytes per message; concurrent clients for {@code sum.sessions} and
 *                      {@code sum.load*}; idle connections for {@code connections.*}; rows for
 *                      {@code pgjdbc.fetch}, 1 for {@code pgjdbc.select1}
 * @param unit          the unit of {@code score}
 * @param score         the figure
 * @param error         JMH's 99.9% confidence half-interval, or the C program's half-spread
 * @param ratioToNative the cost relative to C for the same benchmark, type and size: above 1 is
 *                      slower than C, whether the unit is a time or a rate; null where C has no
 *                      figure
 */
public record Figure(String benchmark, String backend, String socketType, int size, String unit,
                     double score, double error, Double ratioToNative) {

    /** Whether a larger score is better (a rate) rather than worse (a time or a size). */
    boolean higherIsBetter() {
        return unit.endsWith("/s");
    }

    /** The key that figures of different backends share, to compare them. */
    String group() {
        return benchmark + " " + socketType + " " + size;
    }

    Figure withRatio(Double ratio) {
        return new Figure(benchmark, backend, socketType, size, unit, score, error, ratio);
    }
}
