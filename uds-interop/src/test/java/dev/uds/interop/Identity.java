package dev.uds.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The pid and the effective uid and gid of a real process, read from {@code /proc/PID/status}:
 * what the other side of a connection is expected to report through {@code SO_PEERCRED} and
 * {@code SCM_CREDENTIALS}.
 *
 * @param pid the process id
 * @param uid the effective user id
 * @param gid the effective group id
 */
record Identity(long pid, int uid, int gid) {

    /** This process. */
    static Identity current() {
        return of(ProcessHandle.current().pid());
    }

    /** Another running process, such as a child peer. */
    static Identity of(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            List<String> lines = Files.readAllLines(status);
            return new Identity(pid, effective(lines, "Uid:", status), effective(lines, "Gid:", status));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + status + ": " + e, e);
        }
    }

    /** The second of the four ids on the line: real, effective, saved, file system. */
    private static int effective(List<String> lines, String key, Path status) {
        for (String line : lines) {
            if (line.startsWith(key)) {
                return Integer.parseInt(line.substring(key.length()).trim().split("\\s+")[1]);
            }
        }
        throw new IllegalStateException(status + " has no " + key + " line");
    }
}
