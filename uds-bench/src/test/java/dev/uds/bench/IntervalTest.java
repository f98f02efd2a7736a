package dev.uds.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The 99.9% interval of a mean, and the percentiles of round-trip times with theirs. */
class IntervalTest {
    @Test
    void theIntervalIsStudentsTTimesTheStandardError() {
        // 1, 2, 3, 4: mean 2.5, sample variance 5/3, standard error sqrt(5/12); t(0.9995, 3) = 12.92.
        Interval interval = Interval.of(List.of(1.0, 2.0, 3.0, 4.0));

        assertEquals(2.5, interval.mean(), 1e-12);
        assertEquals(12.92 * Math.sqrt(5.0 / 12), interval.error(), 1e-9);
    }

    @Test
    void manyMeasurementsUseTheNormalDistribution() {
        List<Double> values = java.util.stream.IntStream.range(0, 100).mapToObj(i -> (double) (i % 2)).toList();

        // mean 0.5, sample variance 25/99, standard error sqrt(25/99/100).
        assertEquals(3.29 * Math.sqrt(25.0 / 99 / 100), Interval.of(values).error(), 1e-9);
    }

    @Test
    void oneMeasurementHasNoIntervalAndNoneIsRefused() {
        assertEquals(0, Interval.of(List.of(7.0)).error());
        assertThrows(IllegalArgumentException.class, () -> Interval.of(List.of()));
    }

    @Test
    void percentilesTakeTheRankOfTheSortedSamplesAndTheBlocksGiveTheInterval() {
        // 1000 samples in time order: the values 1..1000 shuffled by a fixed stride.
        long[] samples = new long[1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (i * 7L) % 1000 + 1;
        }
        long[] sorted = samples.clone();
        java.util.Arrays.sort(sorted);

        assertEquals(501, Percentiles.of(sorted, 50));
        assertEquals(991, Percentiles.of(sorted, 99));
        assertEquals(1000, Percentiles.of(sorted, 99.99), "a rank past the end is the largest sample");
        Interval p99 = Percentiles.withInterval(samples, 99);
        assertEquals(991, p99.mean(), "the figure is the percentile of all samples, not the blocks' mean");
        assertEquals(true, p99.error() > 0, "blocks with different samples give an interval");
    }
}
