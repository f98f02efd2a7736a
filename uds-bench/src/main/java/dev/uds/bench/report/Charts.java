package dev.uds.bench.report;

import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One chart per family of benchmarks ({@link Family}), drawn by XChart and written as
 * {@code results-FAMILY.svg} and {@code results-FAMILY.png}: each figure a bar with its interval
 * as an error bar, one colour per library, the same colour for a library in every chart. A
 * family with no figure in the run is not drawn.
 */
final class Charts {
    /** The width of a family's image; its charts share it side by side. */
    static final int WIDTH = 1500;
    static final int HEIGHT = 440;
    /** The width of a family's one chart, enough for six groups' names side by side. */
    static final int SINGLE_WIDTH = 1000;
    /** The order of the libraries in every chart's legend: the C floor first. */
    private static final List<String> ORDER = List.of("c", "floor", "ffm", "jnr", "jdk", "junixsocket", "ffm>c", "c>ffm");
    private static final Map<String, Color> COLOURS = Map.of(
            "c", new Color(0x55, 0x55, 0x55),
            "floor", new Color(0xaa, 0xaa, 0xaa),
            "ffm", new Color(0x1f, 0x77, 0xb4),
            "jnr", new Color(0xff, 0x7f, 0x0e),
            "jdk", new Color(0x2c, 0xa0, 0x2c),
            "junixsocket", new Color(0xd6, 0x27, 0x28),
            "ffm>c", new Color(0x9e, 0xc5, 0xe8),
            "c>ffm", new Color(0x94, 0x67, 0xbd));
    private static final Color OTHER = new Color(0x8c, 0x56, 0x4b);

    private Charts() {
    }

    /**
     * Draws every family that has figures.
     *
     * @return the files written
     */
    static List<Path> write(List<Figure> figures, Path out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> written = new ArrayList<>();
        for (Family family : Family.values()) {
            List<CategoryChart> charts = new ArrayList<>();
            for (Panel panel : family.panels()) {
                List<Panel.Bar> bars = panel.bars().apply(figures);
                if (!bars.isEmpty()) {
                    charts.add(draw(panel, bars, family.panels().size() == 1 ? SINGLE_WIDTH : WIDTH / family.panels().size()));
                }
            }
            if (!charts.isEmpty()) {
                Path svg = out.resolve("results-" + family.fileName() + ".svg");
                Path png = out.resolve("results-" + family.fileName() + ".png");
                writeSvg(charts, svg);
                writePng(charts, png);
                written.add(svg);
                written.add(png);
            }
        }
        return written;
    }

    private static CategoryChart draw(Panel panel, List<Panel.Bar> bars, int width) {
        Set<String> categories = new LinkedHashSet<>();
        Map<String, Map<String, Panel.Bar>> series = new LinkedHashMap<>();
        List<Panel.Bar> ordered = new ArrayList<>(bars);
        ordered.sort(Comparator.comparingInt(bar -> ORDER.contains(bar.series()) ? ORDER.indexOf(bar.series()) : ORDER.size()));
        for (Panel.Bar bar : bars) {
            categories.add(bar.category());
        }
        for (Panel.Bar bar : ordered) {
            series.computeIfAbsent(bar.series(), b -> new LinkedHashMap<>()).put(bar.category(), bar);
        }
        CategoryChart chart = new CategoryChartBuilder().width(width).height(HEIGHT)
                .title(panel.title()).yAxisTitle(panel.yAxis()).build();
        CategoryStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setErrorBarsColor(Color.BLACK);
        styler.setYAxisMin(0.0);
        styler.setAvailableSpaceFill(0.85);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setYAxisDecimalPattern(panel.yPattern());
        styler.setLabelsVisible(true); // each bar's figure, to be read without the axis
        styler.setLabelsPosition(0.5);
        styler.setLabelsFont(styler.getLabelsFont().deriveFont(10f));
        List<String> xs = new ArrayList<>(categories);
        for (Map.Entry<String, Map<String, Panel.Bar>> s : series.entrySet()) {
            List<Double> ys = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String x : xs) {
                Panel.Bar bar = s.getValue().get(x);
                // XChart leaves out a NaN bar; a null one fails where it draws error bars.
                ys.add(bar == null ? Double.NaN : bar.value());
                errors.add(bar == null ? 0.0 : bar.error());
            }
            chart.addSeries(s.getKey(), xs, ys, errors).setFillColor(COLOURS.getOrDefault(s.getKey(), OTHER));
        }
        for (Panel.Reference line : panel.references()) {
            CategorySeries reference = chart.addSeries(line.label(), xs, xs.stream().map(x -> line.value()).toList());
            reference.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
            reference.setLineColor(line.colour());
            reference.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** The family's charts side by side in one SVG. */
    private static void writeSvg(List<CategoryChart> charts, Path file) throws IOException {
        VectorGraphics2D graphics = new VectorGraphics2D();
        paintSideBySide(charts, graphics);
        PageSize page = new PageSize(0, 0, charts.stream().mapToInt(CategoryChart::getWidth).sum(), HEIGHT);
        try (OutputStream out = Files.newOutputStream(file)) {
            Processors.get("svg").getDocument(graphics.getCommands(), page).writeTo(out);
        }
    }

    /** The family's charts side by side in one PNG. */
    private static void writePng(List<CategoryChart> charts, Path file) throws IOException {
        BufferedImage image = new BufferedImage(charts.stream().mapToInt(CategoryChart::getWidth).sum(), HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            paintSideBySide(charts, graphics);
        } finally {
            graphics.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK for " + file);
        }
    }

    private static void paintSideBySide(List<CategoryChart> charts, Graphics2D graphics) {
        int x = 0;
        for (CategoryChart chart : charts) {
            Graphics2D panel = (Graphics2D) graphics.create(x, 0, chart.getWidth(), HEIGHT);
            try {
                chart.paint(panel, chart.getWidth(), HEIGHT);
            } finally {
                panel.dispose();
            }
            x += chart.getWidth();
        }
    }
}
