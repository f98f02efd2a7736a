package dev.uds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a process has used, user and system, from {@code /proc/PID/stat} (proc(5)): what a
 * server spends per session, which the machine's other work leaves alone far better than the
 * sessions per second it reaches.
 */
final class ProcessCpu {
    /** {@code USER_HZ}, the unit of proc(5)'s times: 100 on every Linux architecture's ABI. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /**
     * The nanoseconds of CPU the process has used so far.
     *
     * @param pid the process, or {@link ProcessHandle#current()}'s
     * @return user plus system time, in nanoseconds (10 ms steps)
     * @throws IOException if the process's stat file cannot be read
     */
    static long nanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name, field 2, is in parentheses and may hold spaces: count from after it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime and stime, fields 14 and 15
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }
}
