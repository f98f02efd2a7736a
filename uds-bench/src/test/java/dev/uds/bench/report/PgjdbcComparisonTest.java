package dev.uds.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the report reads the pgjdbc runs and compares each transport with TCP and junixsocket. */
class PgjdbcComparisonTest {
    private static String jmhRun(String benchmark, String target, String rows, double score, double error) {
        return "{\"benchmark\":\"dev.uds.bench." + benchmark + "\",\"params\":{\"target\":\"" + target + "\""
                + (rows == null ? "" : ",\"rows\":\"" + rows + "\"") + "},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":" + error + ",\"scoreUnit\":\"ops/s\","
                + "\"rawData\":[[" + (score - error) + "," + (score + error) + "],[" + score + "]]}}";
    }

    @Test
    void pgjdbcRunsBecomeQueriesAndFetchesPerSecondWithTheirSizesAndBestIterations(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("jmh-1.json");
        Files.writeString(json, "[" + jmhRun("PgjdbcSelectOneBenchmark.selectOne", "ffm:STREAM", null, 30000, 500) + ","
                + jmhRun("PgjdbcFetchBenchmark.fetch", "tcp:STREAM", "100000", 9.5, 0.2) + "]");
        List<Figure> figures = JmhResults.readAll(dir);
        assertEquals(List.of(
                new Figure("pgjdbc.select1", "ffm", "STREAM", 1, "queries/s", 30000, 500, null),
                new Figure("pgjdbc.select1.best", "ffm", "STREAM", 1, "queries/s", 30500, 0, null),
                new Figure("pgjdbc.fetch", "tcp", "STREAM", 100000, "fetches/s", 9.5, 0.2, null),
                new Figure("pgjdbc.fetch.best", "tcp", "STREAM", 100000, "fetches/s", 9.7, 0, null)), figures);
    }

    @Test
    void aTransportIsAheadOnlyWhenItsIntervalLiesWhollyAboveTheReferences() {
        Figure tcp = new Figure("pgjdbc.select1", "tcp", "STREAM", 1, "queries/s", 25000, 400, null);
        Figure clear = new Figure("pgjdbc.select1", "ffm", "STREAM", 1, "queries/s", 30000, 500, null);
        Figure overlapping = new Figure("pgjdbc.select1", "jnr", "STREAM", 1, "queries/s", 25600, 300, null);
        assertTrue(PgjdbcComparison.isAhead(clear, tcp));
        assertEquals("1.20 ahead", PgjdbcComparison.compare(clear, tcp));
        assertEquals("1.02", PgjdbcComparison.compare(overlapping, tcp), "25,600 - 300 is inside 25,000 + 400");
        assertEquals("–", PgjdbcComparison.compare(tcp, tcp));
        assertEquals(List.of(), PgjdbcComparison.shortfalls(List.of(tcp, clear)));
    }

    @Test
    void anFfmRowNotAheadIsNamedWithItsFigures() {
        Figure tcp = new Figure("pgjdbc.fetch", "tcp", "STREAM", 100000, "fetches/s", 10, 0.5, null);
        Figure junixsocket = new Figure("pgjdbc.fetch", "junixsocket", "STREAM", 100000, "fetches/s", 8.5, 0.5, null);
        Figure ffm = new Figure("pgjdbc.fetch", "ffm", "STREAM", 100000, "fetches/s", 10.2, 0.4, null);
        assertEquals(List.of("pgjdbc.fetch: ffm 10.20 ± 0.400 is not ahead of tcp 10.00 ± 0.500"),
                PgjdbcComparison.shortfalls(List.of(tcp, junixsocket, ffm)));
        String table = PgjdbcComparison.render(List.of(tcp, junixsocket, ffm));
        assertTrue(table.contains("| pgjdbc.fetch | fetches/s | ffm | 10.20 ± 0.400 | 1.02 | 1.20 ahead |"), table);
        assertEquals("", PgjdbcComparison.render(List.of(new Figure("selfloop", "ffm", "STREAM", 12, "ns/op", 1, 0, null))));
    }
}
