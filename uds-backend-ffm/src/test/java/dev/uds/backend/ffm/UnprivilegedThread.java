package dev.uds.backend.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a piece of a test on a new platform thread without the capabilities that let root state
 * any credentials (CAP_SYS_ADMIN, CAP_SETUID, CAP_SETGID), or others it names (such as those that
 * pass over file modes), so that a test running as root sees what an unprivileged caller sees. Linux keeps capabilities per thread and capset(2) changes
 * only the calling thread's, so the rest of the JVM keeps its own; the thread ends with the task.
 */
final class UnprivilegedThread {
    /** From linux/capability.h. */
    static final int CAP_DAC_OVERRIDE = 1;
    static final int CAP_DAC_READ_SEARCH = 2;
    private static final int CAP_SETGID = 6;
    private static final int CAP_SETUID = 7;
    private static final int CAP_SYS_ADMIN = 21;
    /** _LINUX_CAPABILITY_VERSION_3: 64-bit sets, as two structs of effective, permitted, inheritable. */
    private static final int VERSION_3 = 0x20080522;
    private static final long DATA_STRUCT_BYTES = 3L * Integer.BYTES;

    /** A task that may throw. */
    interface Task {
        void run() throws Exception;
    }

    private UnprivilegedThread() {
    }

    /** Runs {@code task} on a thread without those capabilities; rethrows what it threw. */
    static void run(Task task) throws Exception {
        runWithout(new int[] {CAP_SETGID, CAP_SETUID, CAP_SYS_ADMIN}, task);
    }

    /** Runs {@code task} on a thread without the {@code capabilities} given; rethrows what it threw. */
    static void runWithout(int[] capabilities, Task task) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                drop(capabilities);
                task.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "unprivileged-test-thread");
        thread.start();
        thread.join();
        Throwable t = thrown.get();
        if (t instanceof Exception e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    @SuppressWarnings("restricted") // the tests run with native access, as the backend does
    private static void drop(int[] capabilities) throws Throwable {
        Linker linker = Linker.nativeLinker();
        FunctionDescriptor signature = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
        MethodHandle capget = linker.downcallHandle(linker.defaultLookup().find("capget").orElseThrow(), signature);
        MethodHandle capset = linker.downcallHandle(linker.defaultLookup().find("capset").orElseThrow(), signature);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = arena.allocate(2L * Integer.BYTES, Integer.BYTES);
            header.set(JAVA_INT, 0, VERSION_3);
            header.set(JAVA_INT, Integer.BYTES, 0); // pid 0: this thread
            MemorySegment data = arena.allocate(2 * DATA_STRUCT_BYTES, Integer.BYTES);
            if ((int) capget.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capget(2) failed for this thread");
            }
            for (int capability : capabilities) {
                long effective = (capability / 32) * DATA_STRUCT_BYTES; // the first field of its struct
                data.set(JAVA_INT, effective, data.get(JAVA_INT, effective) & ~(1 << (capability % 32)));
            }
            if ((int) capset.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capset(2) failed to drop capabilities " + java.util.Arrays.toString(capabilities));
            }
        }
    }
}
