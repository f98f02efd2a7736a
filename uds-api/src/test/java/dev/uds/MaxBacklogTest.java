package dev.uds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MaxBacklogTest {

    @Test
    void maxBacklogIsTheKernelsSomaxconn() throws IOException, InterruptedException {
        // Read by another program: Java's own Files.readString sees "4" of a sysctl file's "4096".
        Process cat = new ProcessBuilder("cat", "/proc/sys/net/core/somaxconn").start();
        String text;
        try (var out = cat.getInputStream(); var err = cat.getErrorStream(); var in = cat.getOutputStream()) {
            text = new String(out.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
        assertTrue(cat.waitFor(30, TimeUnit.SECONDS), "cat still running");
        assertEquals(0, cat.exitValue(), "cat failed");
        assertEquals(Integer.parseInt(text), UnixDomain.maxBacklog());
    }
}
