package dev.uds;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's largest listen backlog, read once: see {@link UnixDomain#maxBacklog()}. */
final class KernelBacklog {
    /** Where Linux keeps the limit that {@code listen(2)} cuts every backlog down to. */
    static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");
    /** Linux's own default since 5.4; see {@link UnixDomain#maxBacklog()} for why it is safe. */
    static final int FALLBACK = 4096;
    static final int MAX = read();

    private KernelBacklog() {
    }

    private static int read() {
        try {
            // One read of a whole line: a sysctl file answers a read at any offset but 0 with
            // end of file, so Files.readString, which reads one byte first, sees only "4" of 4096.
            String line;
            try (BufferedReader reader = Files.newBufferedReader(SOMAXCONN, StandardCharsets.US_ASCII)) {
                line = reader.readLine();
            }
            int limit = Integer.parseInt(String.valueOf(line).strip());
            return limit >= 1 ? limit : FALLBACK;
        } catch (IOException | NumberFormatException | SecurityException e) {
            return FALLBACK;
        }
    }
}
