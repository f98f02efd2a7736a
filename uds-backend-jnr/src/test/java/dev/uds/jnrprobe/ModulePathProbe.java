package dev.uds.jnrprobe;

import dev.uds.Backend;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixDomain;
import java.nio.ByteBuffer;

/**
 * Run by {@code JnrModulePathTest} in a JVM of its own, on the class path, with the backend and
 * every jar on the module path: sends one SEQPACKET message over a jnr socket pair.
 */
public final class ModulePathProbe {
    private ModulePathProbe() {
    }

    public static void main(String[] args) throws Exception {
        Backend jnr = UnixDomain.backend("jnr");
        if (!jnr.isAvailable()) {
            jnr.unavailabilityCause().orElseThrow().printStackTrace();
            System.exit(1);
        }
        try (SocketPair pair = jnr.pair(SocketType.SEQPACKET)) {
            pair.first().send(ByteBuffer.wrap(new byte[] {'o', 'k'}));
            ByteBuffer in = ByteBuffer.allocate(8);
            pair.second().receive(in);
            System.out.println(new String(in.array(), 0, in.position(), java.nio.charset.StandardCharsets.US_ASCII)
                    + " " + pair.first().getClass().getModule().getName());
        }
    }
}
