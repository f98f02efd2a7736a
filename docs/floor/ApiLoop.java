// The uds API side of docs/BENCHMARKS.md ("The floor of any FFM implementation here"), after
// mvn -q -B install -DskipTests and bin/uds-bench --quick (which fills uds-bench/target/lib):
// java --enable-native-access=ALL-UNNAMED -cp "uds-bench/target/classes:uds-bench/target/lib/*" docs/floor/ApiLoop.java 300
import dev.uds.*;
import java.nio.ByteBuffer;
public class ApiLoop {
    public static void main(String[] a) throws Exception {
        System.setProperty("uds.backend", "ffm");
        SocketPair p = UnixDomain.pair(SocketType.SEQPACKET);
        UnixSocket l = p.first(), r = p.second();
        ByteBuffer out = ByteBuffer.allocateDirect(12), in = ByteBuffer.allocateDirect(12);
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) rt(l, r, out, in);
        double best = 1e18;
        for (int w = 0; w < Integer.parseInt(a[0]); w++) {
            long s = System.nanoTime(), n = 0;
            while (System.nanoTime() - s < 20_000_000L) { for (int i = 0; i < 100; i++) rt(l, r, out, in); n += 100; }
            best = Math.min(best, (System.nanoTime() - s) / (double) n);
        }
        System.out.printf("api min %.0f%n", best);
    }
    static void rt(UnixSocket l, UnixSocket r, ByteBuffer out, ByteBuffer in) throws Exception {
        out.clear(); l.send(out); in.clear(); r.receive(in);
        out.clear(); r.send(out); in.clear(); l.receive(in);
    }
}
