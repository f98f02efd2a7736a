package dev.uds.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** The check itself: a class that leaves a pipe open fails, and names it; one that closes it in time passes. */
class DescriptorLeakExtensionTest {
    /** What the checked classes below open; closed by this class after each check. */
    static Pipe pipe;

    @TempDir
    Path reliability;

    @AfterEach
    void closePipe() throws IOException {
        if (pipe != null) {
            pipe.source().close();
            pipe.sink().close();
            pipe = null;
        }
    }

    private Events containersOf(Class<?> testClass) {
        // The checked classes' figures go to a directory of their own, not into this module's report.
        String previous = System.setProperty("uds.reliability.dir", reliability.toString());
        try {
            return EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                    .selectors(selectClass(testClass)).execute().containerEvents();
        } finally {
            if (previous == null) {
                System.clearProperty("uds.reliability.dir");
            } else {
                System.setProperty("uds.reliability.dir", previous);
            }
        }
    }

    @Test
    void classThatLeavesAPipeOpenFailsNamingBothEnds() throws IOException {
        Events containers = containersOf(LeavesAPipeOpen.class);
        List<Event> failed = containers.failed().list();
        assertEquals(1, failed.size(), "the class fails: " + containers.list());
        Throwable error = failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .orElseThrow().getThrowable().orElseThrow();
        assertInstanceOf(AssertionError.class, error);
        assertTrue(error.getMessage().contains("leaked 2 file descriptor(s)"), error.getMessage());
        assertTrue(error.getMessage().contains("pipe:["), error.getMessage());
        String summary = Files.readString(reliability.resolve("descriptors.md"));
        assertTrue(summary.contains("LeavesAPipeOpen` | ") && summary.contains("| **2**: "), summary);
    }

    @Test
    void classThatClosesWhatItOpensPasses() {
        Events containers = containersOf(ClosesItsPipe.class);
        assertEquals(0, containers.failed().count(), containers.list().toString());
    }

    @Test
    void descriptorClosedShortlyAfterTheClassIsNoLeak() {
        Events containers = containersOf(ClosesItsPipeOnAnotherThreadLater.class);
        assertEquals(0, containers.failed().count(), containers.list().toString());
    }

    static class LeavesAPipeOpen {
        @Test
        void opensAPipe() throws IOException {
            pipe = Pipe.open();
        }
    }

    static class ClosesItsPipe {
        @Test
        void opensAndClosesAPipe() throws IOException {
            Pipe local = Pipe.open();
            local.source().close();
            local.sink().close();
        }
    }

    static class ClosesItsPipeOnAnotherThreadLater {
        @Test
        void opensAPipeThatAThreadClosesLater() throws IOException {
            Pipe local = Pipe.open();
            Thread closer = new Thread(() -> {
                try {
                    Thread.sleep(DescriptorLeakExtension.GRACE_MILLIS / 4);
                    local.source().close();
                    local.sink().close();
                } catch (InterruptedException | IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            closer.start();
        }
    }
}
