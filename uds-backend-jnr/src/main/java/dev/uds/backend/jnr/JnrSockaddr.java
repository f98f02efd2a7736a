package dev.uds.backend.jnr;

import dev.uds.UnixAddress;
import dev.uds.internal.Linux;
import java.nio.ByteBuffer;

/**
 * {@code struct sockaddr_un} from and to {@link UnixAddress}, with the lengths of unix(7): a
 * pathname with its NUL, an abstract name after its leading NUL byte with no terminator, and
 * the bare family for unnamed (autobind).
 */
final class JnrSockaddr {
    private JnrSockaddr() {
    }

    /**
     * Writes an address into the scratch memory's sockaddr.
     *
     * @return the address length to pass to the call
     */
    static int encode(UnixAddress address, JnrScratch scratch) {
        ByteBuffer s = scratch.structs;
        int at = scratch.sockaddrOffset();
        s.putShort(at, (short) Linux.AF_UNIX);
        byte[] path = Linux.sunPath(address);
        s.put(at + JnrStructs.SUN_PATH_OFFSET, path);
        return JnrStructs.SUN_PATH_OFFSET + path.length;
    }

    /** Reads the address a call left in the scratch memory's sockaddr, {@code length} bytes long. */
    static UnixAddress decode(JnrScratch scratch, int length) {
        int pathLength = Math.min(length, JnrStructs.SOCKADDR_UN_SIZE) - JnrStructs.SUN_PATH_OFFSET;
        byte[] path = new byte[Math.max(0, pathLength)];
        scratch.structs.get(scratch.sockaddrOffset() + JnrStructs.SUN_PATH_OFFSET, path);
        return Linux.fromSunPath(path, pathLength);
    }
}
