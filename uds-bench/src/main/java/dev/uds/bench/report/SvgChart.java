package dev.uds.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A grouped bar chart of each backend's cost relative to C: one group per benchmark, type and
 * size, one colour per backend, the C floor drawn as a line at 1×. Figures without a C
 * counterpart (allocation, sum sessions against Java only) are left to the table.
 */
final class SvgChart {
    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#9c755f", "#edc948"};
    private static final int BAR = 14;
    private static final int GAP = 18;
    private static final int HEIGHT = 320;
    private static final int TOP = 40;
    private static final int LEFT = 60;

    private SvgChart() {
    }

    static String render(List<Figure> figures) {
        Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
        TreeSet<String> backends = new TreeSet<>();
        for (Figure f : figures) {
            if (f.ratioToNative() != null && !f.backend().equals("c")) {
                groups.computeIfAbsent(f.group(), g -> new LinkedHashMap<>()).put(f.backend(), f.ratioToNative());
                backends.add(f.backend());
            }
        }
        List<String> legend = new ArrayList<>(backends);
        double max = Math.max(2, groups.values().stream().flatMap(m -> m.values().stream())
                .mapToDouble(Double::doubleValue).max().orElse(2));
        int groupWidth = legend.size() * BAR + GAP;
        int width = LEFT + Math.max(1, groups.size()) * groupWidth + 160;
        int total = TOP + HEIGHT + 150;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", width, total));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">Cost relative to C "
                + "(1× = the C floor; lower is better)</text>%n", LEFT));
        for (double tick = 0; tick <= max; tick += max > 8 ? 2 : 0.5) {
            double y = y(tick, max);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f×</text>%n",
                    LEFT, width - 160, y, y, LEFT - 6, y + 4, tick));
        }
        int x = LEFT + GAP / 2;
        for (Map.Entry<String, Map<String, Double>> group : groups.entrySet()) {
            for (int i = 0; i < legend.size(); i++) {
                Double ratio = group.getValue().get(legend.get(i));
                if (ratio != null) {
                    double y = y(ratio, max);
                    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
                            + "<title>%s %s: %.2f×</title></rect>%n", x + i * BAR, y, BAR - 2, TOP + HEIGHT - y,
                            COLOURS[i % COLOURS.length], escape(legend.get(i)), escape(group.getKey()), ratio));
                }
            }
            svg.append(String.format(Locale.ROOT, "<text transform=\"translate(%d,%d) rotate(60)\">%s</text>%n",
                    x, TOP + HEIGHT + 10, escape(group.getKey())));
            x += groupWidth;
        }
        double floor = y(1, max);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"black\" "
                + "stroke-width=\"2\" stroke-dasharray=\"6 3\"/><text x=\"%d\" y=\"%.1f\">C floor</text>%n",
                LEFT, width - 160, floor, floor, width - 155, floor + 4));
        for (int i = 0; i < legend.size(); i++) {
            int ly = TOP + 30 + i * 18;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", width - 150, ly, COLOURS[i % COLOURS.length],
                    width - 133, ly + 10, escape(legend.get(i))));
        }
        return svg.append("</svg>\n").toString();
    }

    private static double y(double ratio, double max) {
        return TOP + HEIGHT - Math.min(ratio, max) / max * HEIGHT;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
