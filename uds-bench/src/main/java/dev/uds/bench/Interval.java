package dev.uds.bench;

import java.util.List;

/**
 * The mean of a few independent measurements (windows of a run, blocks of samples) with its
 * 99.9% confidence half-interval from Student's t distribution, as JMH gives its scores.
 *
 * @param mean  the mean
 * @param error the half-interval, 0 for a single measurement
 */
record Interval(double mean, double error) {
    /** t(0.9995) for 1 to 30 degrees of freedom; beyond, the normal distribution's 3.29. */
    private static final double[] T_99_9 = {636.6, 31.60, 12.92, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587,
        4.437, 4.318, 4.221, 4.140, 4.073, 4.015, 3.965, 3.922, 3.883, 3.850, 3.819, 3.792, 3.768, 3.745, 3.725,
        3.707, 3.690, 3.674, 3.659, 3.646};

    static Interval of(List<Double> values) {
        int n = values.size();
        if (n == 0) {
            throw new IllegalArgumentException("no measurement to take an interval of");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        if (n == 1) {
            return new Interval(mean, 0);
        }
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double t = n - 1 <= T_99_9.length ? T_99_9[n - 2] : 3.29;
        return new Interval(mean, t * Math.sqrt(squares / (n - 1) / n));
    }
}
