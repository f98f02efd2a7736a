package dev.uds.tck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's ids, to compare with what the kernel reports. */
final class Ids {
    private static final Path SELF = Path.of("/proc/self");

    private Ids() {
    }

    static int uid() throws IOException {
        return (Integer) Files.getAttribute(SELF, "unix:uid");
    }

    static int gid() throws IOException {
        return (Integer) Files.getAttribute(SELF, "unix:gid");
    }

    static int pid() {
        return (int) ProcessHandle.current().pid();
    }
}
