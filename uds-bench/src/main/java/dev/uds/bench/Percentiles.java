package dev.uds.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Percentiles of round-trip times, the same way for every side of the tail-latency benchmark:
 * the value at rank {@code floor(n * p / 100)} of the sorted samples, as the C programs take it.
 */
final class Percentiles {
    /** Consecutive blocks the samples are cut into for the interval. */
    static final int BLOCKS = 10;

    private Percentiles() {
    }

    /** The percentile {@code p} of sorted samples. */
    static double of(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p / 100))];
    }

    /**
     * The percentile of all the samples, with the 99.9% interval of the mean of the same
     * percentile taken in each of {@value #BLOCKS} consecutive blocks, which tells how much the
     * figure moves within the run.
     *
     * @param samples the times in the order they were taken
     * @param p       the percentile, such as 99.9
     */
    static Interval withInterval(long[] samples, double p) {
        long[] all = samples.clone();
        Arrays.sort(all);
        List<Double> blocks = new ArrayList<>();
        int length = samples.length / BLOCKS;
        for (int b = 0; b < BLOCKS && length > 0; b++) {
            long[] block = Arrays.copyOfRange(samples, b * length, (b + 1) * length);
            Arrays.sort(block);
            blocks.add(of(block, p));
        }
        return new Interval(of(all, p), blocks.isEmpty() ? 0 : Interval.of(blocks).error());
    }
}
