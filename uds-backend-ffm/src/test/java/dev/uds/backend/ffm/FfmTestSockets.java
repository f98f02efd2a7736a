package dev.uds.backend.ffm;

import dev.uds.Backend;
import dev.uds.UnixDomain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What the backend's own tests share: the backend itself, and the process's open descriptors. */
final class FfmTestSockets {
    private FfmTestSockets() {
    }

    /** The ffm backend, asserted available: these tests mean nothing without it. */
    static Backend ffm() {
        Backend backend = UnixDomain.backend("ffm");
        if (!backend.isAvailable()) {
            throw new AssertionError("ffm backend unavailable", backend.unavailabilityCause().orElse(null));
        }
        return backend;
    }

    /** The targets of every descriptor open in this process now, sorted, from /proc/self/fd. */
    static List<String> openDescriptors() throws IOException {
        List<String> targets = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    targets.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
                } catch (java.nio.file.NoSuchFileException gone) {
                    // The directory listing's own descriptor, closed by the time it is read.
                    continue;
                }
            }
        }
        targets.sort(null);
        return targets;
    }

    /** Those of {@link #openDescriptors()} that are sockets. */
    static long openSockets() throws IOException {
        return openDescriptors().stream().filter(t -> t.contains("socket:")).count();
    }
}
