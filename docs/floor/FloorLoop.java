// The FFM floor loop of docs/BENCHMARKS.md ("The floor of any FFM implementation here"):
// java --enable-native-access=ALL-UNNAMED FloorLoop.java MODE 300, MODE one of crit, cap, cap-atomic.
// Its "cap" mode, the floor that ffm is held to, is measured in every run of bin/uds-bench as the
// selfloop target floor:TYPE (uds-bench's FloorEndpoint); this program keeps the other modes.
import java.lang.foreign.*;
import java.lang.invoke.*;
import static java.lang.foreign.ValueLayout.*;
public class FloorLoop {
    static MethodHandle SYS; static MemorySegment CAP; static boolean CAPT, ATOM, TL;
    static volatile long state; static final VarHandle STATE;
    static { try { STATE = MethodHandles.lookup().findStaticVarHandle(FloorLoop.class, "state", long.class); } catch (Exception e) { throw new Error(e); } }
    static final ThreadLocal<long[]> LOCAL = ThreadLocal.withInitial(() -> new long[1]);
    public static void main(String[] a) throws Throwable {
        Linker L = Linker.nativeLinker();
        CAPT = a[0].contains("cap"); ATOM = a[0].contains("atomic"); TL = a[0].contains("tl");
        FunctionDescriptor d6 = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
        SYS = CAPT ? L.downcallHandle(L.defaultLookup().find("syscall").get(), d6, Linker.Option.firstVariadicArg(1), Linker.Option.critical(false), Linker.Option.captureCallState("errno"))
                   : L.downcallHandle(L.defaultLookup().find("syscall").get(), d6, Linker.Option.firstVariadicArg(1), Linker.Option.critical(false));
        CAP = Arena.global().allocate(Linker.Option.captureStateLayout());
        MethodHandle sp = L.downcallHandle(L.defaultLookup().find("socketpair").get(), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        MemorySegment fds = Arena.global().allocate(8), buf = Arena.global().allocate(12);
        int rc = (int) sp.invokeExact(1, 5, 0, fds);
        long f0 = fds.get(JAVA_INT, 0), f1 = fds.get(JAVA_INT, 4), b = buf.address();
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) rt(f0, f1, b);
        double best = 1e18;
        for (int w = 0; w < Integer.parseInt(a[1]); w++) {
            long s = System.nanoTime(), n = 0;
            while (System.nanoTime() - s < 20_000_000L) { for (int i = 0; i < 100; i++) rt(f0, f1, b); n += 100; }
            best = Math.min(best, (System.nanoTime() - s) / (double) n);
        }
        System.out.printf("java %s min %.0f%n", a[0], best);
    }
    static long call(long nr, long fd, long b, long flags) throws Throwable {
        if (TL) LOCAL.get()[0]++;
        if (ATOM) { long s = state; if (!STATE.compareAndSet(s, s + 2)) throw new Error(); }
        long r = CAPT ? (long) SYS.invokeExact(CAP, nr, fd, b, 12L, flags, 0L, 0L) : (long) SYS.invokeExact(nr, fd, b, 12L, flags, 0L, 0L);
        if (ATOM) STATE.getAndAdd(-2L);
        return r;
    }
    static void rt(long f0, long f1, long b) throws Throwable {
        long r = call(44L, f0, b, 0x4000L | 0x40L) + call(45L, f1, b, 0x40L) + call(44L, f1, b, 0x4000L | 0x40L) + call(45L, f0, b, 0x40L);
        if (r != 48) throw new AssertionError(r);
    }
}
