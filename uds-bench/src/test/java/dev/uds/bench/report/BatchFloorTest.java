package dev.uds.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the report turns batch runs into messages per second, ratios to C and gains. */
class BatchFloorTest {
    private static String jmhRun(String target, String calls, String rawData) {
        return "{\"benchmark\":\"dev.uds.bench.BatchBenchmark.messages\",\"params\":{\"target\":\"" + target
                + "\",\"calls\":\"" + calls + "\",\"size\":\"12\",\"batch\":\"64\"},"
                + "\"primaryMetric\":{\"score\":0,\"scoreUnit\":\"ns/op\",\"rawData\":" + rawData + "}}";
    }

    private static String floor(String target, String calls, double score) {
        return "{\"target\":\"" + target + "\",\"calls\":\"" + calls + "\",\"size\":12,\"floor\":{\"score\":" + score
                + "}}\n";
    }

    @Test
    void eachRunIsPairedWithItsOwnCWindowsAndTheGainIsTheRatioOfTheRatios(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh-0.json"), "[" + jmhRun("ffm:DGRAM", "batch", "[[110,220]]") + ","
                + jmhRun("ffm:DGRAM", "single", "[[400,900]]") + "]");
        // The machine was twice as slow during the single run: the C windows show it.
        Files.writeString(dir.resolve("paired-batch.jsonl"), floor("ffm:DGRAM", "batch", 100)
                + floor("ffm:DGRAM", "batch", 200) + floor("ffm:DGRAM", "single", 200)
                + floor("ffm:DGRAM", "single", 300));

        List<Figure> figures = BatchFloor.read(dir, dir.resolve("paired-batch.jsonl"));

        Figure batch = figures.stream().filter(f -> f.benchmark().equals(BatchFloor.PAIRED) && f.backend().equals("ffm"))
                .findFirst().orElseThrow();
        assertEquals(330.0 / 300.0, batch.score(), 1e-9);
        Figure single = figures.stream().filter(f -> f.backend().equals("ffm-single")
                && f.benchmark().equals(BatchFloor.PAIRED)).findFirst().orElseThrow();
        assertEquals(1300.0 / 500.0, single.score(), 1e-9);
        Figure gain = figures.stream().filter(f -> f.benchmark().equals(BatchFloor.GAIN)).findFirst().orElseThrow();
        assertEquals("ffm", gain.backend());
        // 2.6 / 1.1: not 1300 / 330, which the slower machine during the single run would inflate.
        assertEquals((1300.0 / 500.0) / (330.0 / 300.0), gain.score(), 1e-9);
        assertTrue(gain.error() > 0, "the intervals of both ratios carry into the gain");
    }

    @Test
    void aRunsTimePerBatchBecomesMessagesPerSecond() {
        var params = JsonParser.parseString("{\"target\":\"jnr:SEQPACKET\",\"calls\":\"batch\",\"size\":12,\"batch\":64}")
                .getAsJsonObject();
        Figure f = BatchFloor.messagesPerSecond(BatchFloor.name(params), "jnr", "SEQPACKET", params, 64_000, 640);

        assertEquals(BatchFloor.MMSG, f.benchmark());
        assertEquals("msg/s", f.unit());
        assertEquals(1e6, f.score(), 1e-6);
        assertEquals(1e4, f.error(), 1e-6);
    }
}
