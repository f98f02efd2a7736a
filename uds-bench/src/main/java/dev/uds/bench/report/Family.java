package dev.uds.bench.report;

import java.awt.Color;
import java.util.List;

/**
 * The families of benchmarks the report draws, one image each, in the order docs/BENCHMARKS.md
 * shows them.
 */
enum Family {
    /**
     * The per-call cost: selfloop against the C loop that ran beside it, the FFM floor measured in
     * the same run among the bars; and each library against that floor, with the target line.
     */
    SELFLOOP("selfloop", List.of(
            new Panel("Selfloop: cost relative to C (lower is better)", "× the C loop", "0.00",
                    Family::selfloop, List.of(new Panel.Reference("C = 1×", 1.0, Color.BLACK))),
            new Panel("Selfloop: cost relative to the FFM floor (lower is better)", "× the FFM floor", "0.00",
                    figures -> figures.stream().filter(f -> f.benchmark().equals(PairedFloor.FLOOR))
                            .map(f -> new Panel.Bar(f.socketType() + " " + f.size() + " B", f.backend(), f.score(),
                                    f.error())).toList(),
                    List.of(new Panel.Reference("floor = 1×", 1.0, Color.BLACK),
                            new Panel.Reference("ffm's target = " + Family.FLOOR_TARGET + "×", Family.FLOOR_TARGET,
                                    new Color(0x1f, 0x77, 0xb4)))))),
    /** Many messages per system call ({@code batch.*} figures, from the batch API's benchmark). */
    BATCHES("batches", List.of(Panel.of("Batches: messages per second (higher is better)", "messages/s", "#,##0",
            b -> b.startsWith("batch."), f -> f.socketType() + " " + f.size() + " B"))),
    /** The sum server under load from another process. */
    SERVERS("servers", List.of(Panel.of("Sum server under load: sessions per second (higher is better)",
            "sessions/s", "#,##0", b -> b.equals("sum.load"), f -> f.socketType() + ", " + f.size() + " clients"),
            Panel.of("The server's CPU per session (lower is better)", "µs of CPU per session", "0.0",
                    b -> b.equals("sum.load.cpu"), f -> f.socketType() + ", " + f.size() + " clients"))),
    /** Ping-pong across two processes. */
    LATENCY("latency", List.of(latency("p50", "0.0"), latency("p99", "#,##0.0"), latency("p99.9", "#,##0"))),
    /** Many idle connections on one server JVM. */
    CONNECTIONS("connections", List.of(
            Panel.of("Serving a new client beside the idle ones (lower is better)", "ms", "0.00",
                    b -> b.startsWith("connections.serve."), f -> f.size() + " idle, " + f.benchmark().substring("connections.serve.".length())),
            Panel.of("Memory per idle connection (lower is better)", "KB per connection", "#,##0.0",
                    b -> b.equals("connections.heap") || b.equals("connections.rss"), f -> f.benchmark().substring("connections.".length())))),
    /** Heap allocation per operation on the hot paths. */
    ALLOCATION("allocation", List.of(Panel.of("Allocation per selfloop round trip (lower is better)", "B/op", "0.00",
            b -> b.startsWith("alloc."), f -> f.socketType() + " " + f.size() + " B")));

    /** The most {@code ffm}'s selfloop may cost over the FFM floor of the same run (issue 16). */
    static final double FLOOR_TARGET = 1.05;

    private final String fileName;
    private final List<Panel> panels;

    Family(String fileName, List<Panel> panels) {
        this.fileName = fileName;
        this.panels = panels;
    }

    String fileName() {
        return fileName;
    }

    List<Panel> panels() {
        return panels;
    }

    /** One percentile of the round trips across two processes, a chart of its own for its own scale. */
    private static Panel latency(String percentile, String pattern) {
        return Panel.of("Ping-pong, two processes: " + percentile + " (lower is better)", "µs per round trip", pattern,
                b -> b.equals("latency." + percentile), Figure::socketType);
    }

    /**
     * The selfloop ratios: paired with the C loop that ran beside each iteration where the run
     * has them (their interval is that of the per-iteration ratio), else against the one C figure
     * of the run (the interval scaled from the library's own).
     */
    private static List<Panel.Bar> selfloop(List<Figure> figures) {
        List<Figure> paired = figures.stream().filter(f -> f.benchmark().equals(PairedFloor.BENCHMARK)).toList();
        if (!paired.isEmpty()) {
            return paired.stream().map(f -> new Panel.Bar(f.socketType() + " " + f.size() + " B", f.backend(),
                    f.score(), f.error())).toList();
        }
        return figures.stream()
                .filter(f -> f.benchmark().equals("selfloop") && f.ratioToNative() != null && !f.backend().startsWith("c"))
                .map(f -> new Panel.Bar(f.socketType() + " " + f.size() + " B", f.backend(), f.ratioToNative(),
                        f.error() / f.score() * f.ratioToNative()))
                .toList();
    }
}
