package dev.uds.bench.report;

import java.awt.Color;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One chart of a {@link Family}: its bars, taken from the run's figures, and horizontal reference
 * lines.
 *
 * @param title      the chart's title
 * @param yAxis      the y axis's title, with the unit
 * @param yPattern   the y axis's number format ({@link java.text.DecimalFormat})
 * @param bars       the bars of a run's figures, none if the run has no figure for this chart
 * @param references the reference lines
 */
record Panel(String title, String yAxis, String yPattern, Function<List<Figure>, List<Bar>> bars,
             List<Reference> references) {

    /**
     * One bar.
     *
     * @param category the group on the x axis
     * @param series   the library, which gives the colour and the legend
     * @param value    the height
     * @param error    the half-interval drawn as an error bar, 0 for none
     */
    record Bar(String category, String series, double value, double error) {
    }

    /**
     * A horizontal line across the chart.
     *
     * @param label  its legend
     * @param value  its height
     * @param colour its colour
     */
    record Reference(String label, double value, Color colour) {
    }

    /** A chart of one figure per bar: the figures of the benchmarks named, as they are. */
    static Panel of(String title, String yAxis, String yPattern, Predicate<String> benchmark,
                    Function<Figure, String> category) {
        return new Panel(title, yAxis, yPattern, figures -> figures.stream()
                .filter(f -> benchmark.test(f.benchmark()))
                .map(f -> new Bar(category.apply(f), f.backend(), f.score(), f.error()))
                .toList(), List.of());
    }
}
