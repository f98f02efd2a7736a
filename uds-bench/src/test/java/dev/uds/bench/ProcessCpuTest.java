package dev.uds.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/** The CPU time that proc(5) reports for a process, as ServerLoad reads it per session. */
class ProcessCpuTest {
    @Test
    void aProcessCpuTimeGrowsByWhatItsThreadsSpend() throws Exception {
        long pid = ProcessHandle.current().pid();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = ProcessCpu.nanos(pid);
        long threadStart = threads.getCurrentThreadCpuTime();
        long spins = 0;
        // 300 ms of this thread's CPU, however long the machine takes to give it.
        while (threads.getCurrentThreadCpuTime() - threadStart < 300_000_000L) {
            spins++;
        }
        long spent = ProcessCpu.nanos(pid) - before;
        // proc(5) counts in 10 ms ticks: allow one on each side.
        assertTrue(spent >= 280_000_000L, "the process used " + spent + " ns while one thread spun " + spins + " times");
    }
}
