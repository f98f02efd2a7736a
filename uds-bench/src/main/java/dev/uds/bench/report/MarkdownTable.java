package dev.uds.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The figures as a Markdown table: one row per benchmark, type and size, one column per backend. */
final class MarkdownTable {
    private MarkdownTable() {
    }

    static String render(List<Figure> figures) {
        Set<String> backends = new LinkedHashSet<>();
        Map<String, Map<String, Figure>> rows = new LinkedHashMap<>();
        for (Figure f : figures) {
            backends.add(f.backend());
            rows.computeIfAbsent(f.group(), g -> new LinkedHashMap<>()).put(f.backend(), f);
        }
        List<String> columns = new ArrayList<>(backends);
        columns.remove("c");
        columns.add(0, "c");
        StringBuilder md = new StringBuilder();
        md.append("Each cell: the figure, and in parentheses its cost relative to C for the same row "
                + "(above 1× is slower than C, whatever the unit).\n\n");
        md.append("| benchmark | type | size | unit |");
        columns.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append("\n|---|---|---|---|");
        columns.forEach(c -> md.append("---:|"));
        md.append('\n');
        for (Map<String, Figure> row : rows.values()) {
            Figure any = row.values().iterator().next();
            md.append("| ").append(any.benchmark()).append(" | ").append(any.socketType()).append(" | ")
                    .append(any.size()).append(" | ").append(any.unit()).append(" |");
            for (String column : columns) {
                Figure f = row.get(column);
                md.append(' ');
                if (f == null) {
                    md.append('–');
                } else {
                    md.append(number(f.score()));
                    if (f.error() > 0) {
                        md.append(" ± ").append(number(f.error()));
                    }
                    if (f.ratioToNative() != null && !column.equals("c")) {
                        md.append(String.format(Locale.ROOT, " (%.2f×)", f.ratioToNative()));
                    }
                }
                md.append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    static String number(double value) {
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : Math.abs(value) >= 1 ? String.format(Locale.ROOT, "%.2f", value)
                : String.format(Locale.ROOT, "%.3f", value);
    }
}
