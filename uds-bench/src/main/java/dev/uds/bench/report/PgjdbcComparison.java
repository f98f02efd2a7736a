package dev.uds.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pgjdbc figures compared with the two references users have today, from the same run and
 * the same server: TCP on 127.0.0.1 (pgjdbc's default transport) and junixsocket's socket
 * factory. A transport is "ahead" of a reference only if its interval lies wholly above the
 * reference's (score minus error above score plus error).
 */
final class PgjdbcComparison {
    private static final List<String> REFERENCES = List.of("tcp", "junixsocket");

    private PgjdbcComparison() {
    }

    /** The Markdown section, or an empty string when the run had no pgjdbc figures. */
    static String render(List<Figure> figures) {
        Map<String, Map<String, Figure>> rows = new LinkedHashMap<>();
        for (Figure f : figures) {
            if (f.benchmark().startsWith("pgjdbc.")) {
                rows.computeIfAbsent(f.benchmark(), b -> new LinkedHashMap<>()).put(f.backend(), f);
            }
        }
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## pgjdbc against TCP and junixsocket\n\n"
                + "Each cell: the figure (higher is better), and its ratio to TCP on 127.0.0.1 and to "
                + "junixsocket; \"ahead\" where its interval lies wholly above the reference's.\n\n"
                + "| benchmark | unit | transport | score | × tcp | × junixsocket |\n|---|---|---|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, Figure>> row : rows.entrySet()) {
            for (Figure f : row.getValue().values()) {
                md.append("| ").append(row.getKey()).append(" | ").append(f.unit()).append(" | ").append(f.backend())
                        .append(" | ").append(MarkdownTable.number(f.score()));
                if (f.error() > 0) {
                    md.append(" ± ").append(MarkdownTable.number(f.error()));
                }
                md.append(" |");
                for (String reference : REFERENCES) {
                    md.append(' ').append(compare(f, row.getValue().get(reference))).append(" |");
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    /** The ratio of two rates, and whether the first is ahead outside both intervals. */
    static String compare(Figure f, Figure reference) {
        if (reference == null || reference.score() <= 0 || f == reference) {
            return "–";
        }
        String ratio = String.format(Locale.ROOT, "%.2f", f.score() / reference.score());
        return isAhead(f, reference) ? ratio + " ahead" : ratio;
    }

    static boolean isAhead(Figure f, Figure reference) {
        return f.score() - f.error() > reference.score() + reference.error();
    }

    /** One line per uds transport that is not ahead of a reference, for the run's output. */
    static List<String> shortfalls(List<Figure> figures) {
        List<String> notes = new ArrayList<>();
        Map<String, Map<String, Figure>> rows = new LinkedHashMap<>();
        for (Figure f : figures) {
            if (f.benchmark().startsWith("pgjdbc.")) {
                rows.computeIfAbsent(f.benchmark(), b -> new LinkedHashMap<>()).put(f.backend(), f);
            }
        }
        for (Map.Entry<String, Map<String, Figure>> row : rows.entrySet()) {
            Figure ffm = row.getValue().get("ffm");
            for (String reference : REFERENCES) {
                Figure r = row.getValue().get(reference);
                if (ffm != null && r != null && !isAhead(ffm, r)) {
                    notes.add(row.getKey() + ": ffm " + MarkdownTable.number(ffm.score()) + " ± "
                            + MarkdownTable.number(ffm.error()) + " is not ahead of " + reference + " "
                            + MarkdownTable.number(r.score()) + " ± " + MarkdownTable.number(r.error()));
                }
            }
        }
        return notes;
    }
}
