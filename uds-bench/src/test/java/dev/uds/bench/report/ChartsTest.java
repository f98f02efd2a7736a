package dev.uds.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's charts: one image per family that has figures, as SVG and PNG. */
class ChartsTest {
    @Test
    void eachFamilyWithFiguresIsDrawnAsSvgAndPngAndTheOthersAreNot(@TempDir Path dir) throws IOException {
        List<Figure> figures = List.of(
                new Figure("sum.load", "c", "SEQPACKET", 32, "sessions/s", 50_000, 4_000, null),
                new Figure("sum.load", "ffm", "SEQPACKET", 32, "sessions/s", 40_000, 6_000, 1.25),
                new Figure("sum.load", "jdk", "STREAM", 256, "sessions/s", 30_000, 2_000, null),
                new Figure("latency.p99", "ffm", "STREAM", 12, "us", 30, 3, null),
                new Figure("latency.p50", "c", "STREAM", 12, "us", 8, 0.1, null));

        List<Path> written = Charts.write(figures, dir);

        assertEquals(List.of(dir.resolve("results-servers.svg"), dir.resolve("results-servers.png"),
                dir.resolve("results-latency.svg"), dir.resolve("results-latency.png")), written);
        String svg = Files.readString(dir.resolve("results-servers.svg"));
        assertTrue(svg.startsWith("<?xml") && svg.contains("<svg"), "an SVG document");
        BufferedImage servers = ImageIO.read(dir.resolve("results-servers.png").toFile());
        assertEquals(Charts.WIDTH / 2, servers.getWidth(), "one of the servers family's two charts has figures");
        assertEquals(Charts.HEIGHT, servers.getHeight());
        BufferedImage latency = ImageIO.read(dir.resolve("results-latency.png").toFile());
        assertEquals(Charts.WIDTH / 3 * 2, latency.getWidth(), "two of the latency family's three charts have figures");
        assertTrue(Files.notExists(dir.resolve("results-batches.png")), "no batch figures, no batch chart");
    }

    @Test
    void theSelfloopChartTakesThePairedRatiosWhereTheRunHasThem(@TempDir Path dir) throws IOException {
        List<Figure> figures = List.of(
                new Figure("selfloop", "c", "STREAM", 12, "ns/op", 1000, 10, null),
                new Figure("selfloop", "ffm", "STREAM", 12, "ns/op", 1300, 50, 1.3),
                new Figure(PairedFloor.BENCHMARK, "ffm", "STREAM", 12, "× C", 1.15, 0.04, null));

        List<Panel.Bar> bars = Family.SELFLOOP.panels().get(0).bars().apply(figures);

        assertEquals(List.of(new Panel.Bar("STREAM 12 B", "ffm", 1.15, 0.04)), bars);
        List<Panel.Bar> unpaired = Family.SELFLOOP.panels().get(0).bars().apply(figures.subList(0, 2));
        assertEquals(List.of(new Panel.Bar("STREAM 12 B", "ffm", 1.3, 50.0 / 1300 * 1.3)), unpaired,
                "without pairs, the ratio to the run's C figure and the interval scaled to it");
        Charts.write(figures, dir);
        assertTrue(Files.size(dir.resolve("results-selfloop.png")) > 0);
    }

    @Test
    void theSelfloopFamilyDrawsTheMeasuredFloorAmongTheBarsAndEachLibraryOverIt(@TempDir Path dir) throws IOException {
        List<Figure> figures = List.of(
                new Figure(PairedFloor.BENCHMARK, "floor", "STREAM", 12, "× C", 1.08, 0.03, null),
                new Figure(PairedFloor.BENCHMARK, "ffm", "STREAM", 12, "× C", 1.15, 0.04, null),
                new Figure(PairedFloor.FLOOR, "ffm", "STREAM", 12, "× floor", 1.06, 0.05, null));

        assertEquals(List.of(new Panel.Bar("STREAM 12 B", "floor", 1.08, 0.03), new Panel.Bar("STREAM 12 B", "ffm", 1.15, 0.04)),
                Family.SELFLOOP.panels().get(0).bars().apply(figures), "the floor is a measured bar, not a constant");
        assertEquals(List.of(new Panel.Bar("STREAM 12 B", "ffm", 1.06, 0.05)),
                Family.SELFLOOP.panels().get(1).bars().apply(figures));
        Charts.write(figures, dir);
        assertEquals(Charts.WIDTH, ImageIO.read(dir.resolve("results-selfloop.png").toFile()).getWidth(), "two charts");
    }
}
