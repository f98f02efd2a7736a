package dev.uds.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the report pairs each measured iteration with the C figure taken just before it. */
class PairedFloorTest {
    /** One selfloop result as JMH writes it: per-fork lists of per-iteration scores. */
    private static String jmhRun(String target, int size, String rawData) {
        return "{\"benchmark\":\"dev.uds.bench.SelfLoopBenchmark.roundTrip\","
                + "\"params\":{\"target\":\"" + target + "\",\"size\":\"" + size + "\"},"
                + "\"primaryMetric\":{\"score\":0,\"scoreUnit\":\"ns/op\",\"rawData\":" + rawData + "}}";
    }

    private static String floor(String target, int size, double score) {
        return "{\"target\":\"" + target + "\",\"size\":" + size + ",\"floor\":{\"benchmark\":\"selfloop\","
                + "\"backend\":\"c\",\"socketType\":\"STREAM\",\"size\":" + size + ",\"unit\":\"ns/op\",\"score\":"
                + score + ",\"error\":0}}\n";
    }

    @Test
    void eachIterationIsPairedInOrderAcrossForksWithTheRatioOfTheSumsAndOfTheBestWindows(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh-0.json"), "[" + jmhRun("ffm:STREAM", 12, "[[220,330],[200]]") + "]");
        // Interleaved with another target's line, as two targets' trials never are, to show the
        // pairing goes by target and order, not by line number.
        Files.writeString(dir.resolve("paired.jsonl"), floor("ffm:STREAM", 12, 200) + floor("jnr:STREAM", 12, 999)
                + floor("ffm:STREAM", 12, 300) + floor("ffm:STREAM", 12, 100));

        List<Figure> figures = PairedFloor.read(dir, dir.resolve("paired.jsonl"));

        assertEquals(2, figures.size());
        Figure ratio = figures.get(0);
        assertEquals(PairedFloor.BENCHMARK, ratio.benchmark());
        assertEquals("ffm", ratio.backend());
        assertEquals("STREAM", ratio.socketType());
        assertEquals(12, ratio.size());
        // (220 + 330 + 200) / (200 + 300 + 100); the per-iteration ratios 1.1, 1.1 and 2.0, whose
        // mean 1.4 has a standard deviation of sqrt(0.27), so a standard error of sqrt(0.27 / 3).
        assertEquals(750.0 / 600.0, ratio.score(), 1e-9);
        assertEquals(3.29 * Math.sqrt(0.27 / 3), ratio.error(), 1e-9);
        assertNull(ratio.ratioToNative(), "the figure is itself the ratio; the table shows it once");
        Figure best = figures.get(1);
        assertEquals(PairedFloor.BEST, best.benchmark());
        assertEquals("ffm", best.backend());
        // The best Java window, 200, over the best C window, 100: each side's own best.
        assertEquals(2.0, best.score(), 1e-9);
    }

    @Test
    void eachLibraryIsSetAgainstTheFfmFloorOfTheSameTypeAndSizeThroughTheirRatiosToC(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("jmh-0.json"), "[" + jmhRun("floor:STREAM", 12, "[[110,120]]") + ","
                + jmhRun("ffm:STREAM", 12, "[[240,300]]") + "," + jmhRun("ffm:STREAM", 1024, "[[500,500]]") + "]");
        Files.writeString(dir.resolve("paired.jsonl"), floor("floor:STREAM", 12, 100) + floor("floor:STREAM", 12, 100)
                + floor("ffm:STREAM", 12, 200) + floor("ffm:STREAM", 12, 200) + floor("ffm:STREAM", 1024, 400)
                + floor("ffm:STREAM", 1024, 400));

        List<Figure> figures = PairedFloor.read(dir, dir.resolve("paired.jsonl"));

        List<Figure> overFloor = figures.stream().filter(f -> f.benchmark().equals(PairedFloor.FLOOR)).toList();
        assertEquals(1, overFloor.size(), "ffm's 1024 B has no floor of its size, the floor none over itself");
        Figure ratio = overFloor.get(0);
        assertEquals("ffm", ratio.backend());
        assertEquals("× floor", ratio.unit());
        // ffm is 540 / 400 = 1.35× C, the floor 230 / 200 = 1.15× C: ffm is 1.35 / 1.15 the floor.
        assertEquals(1.35 / 1.15, ratio.score(), 1e-9);
        // Per-window ratios 1.2 and 1.5 (sd 0.3 / sqrt 2), and 1.1 and 1.2 (sd 0.1 / sqrt 2).
        double ffmError = 3.29 * 0.15 / Math.sqrt(2) * Math.sqrt(2);
        double floorError = 3.29 * 0.05 / Math.sqrt(2) * Math.sqrt(2);
        assertEquals(1.35 / 1.15 * Math.hypot(ffmError / 1.35, floorError / 1.15), ratio.error(), 1e-9);
        Figure best = figures.stream().filter(f -> f.benchmark().equals(PairedFloor.FLOOR_BEST)).findFirst().orElseThrow();
        assertEquals(240.0 / 110.0, best.score(), 1e-9, "the best windows of the two, without C");
    }

    @Test
    void aTargetWithoutAFloorForEveryIterationIsLeftOut(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh-0.json"), "[" + jmhRun("ffm:DGRAM", 12, "[[220,330]]") + "]");
        Files.writeString(dir.resolve("paired.jsonl"), floor("ffm:DGRAM", 12, 200));

        assertTrue(PairedFloor.read(dir, dir.resolve("paired.jsonl")).isEmpty());
    }

    @Test
    void noPairedFileMeansNoPairedFigures(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh-0.json"), "[" + jmhRun("ffm:DGRAM", 12, "[[220]]") + "]");

        assertTrue(PairedFloor.read(dir, dir.resolve("paired.jsonl")).isEmpty());
    }
}
