package dev.uds.backend.jnr;

import dev.uds.UnixAddress;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/**
 * {@code struct sockaddr_un} from and to {@link UnixAddress}, with the lengths of unix(7): a
 * pathname with its NUL, an abstract name after its leading NUL byte with no terminator, and
 * the bare family for unnamed (autobind).
 */
final class JnrSockaddr {
    // The encoding the JDK uses for file names, which UnixAddress uses too.
    private static final Charset ENCODING = Charset.forName(
            System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));

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
        s.putShort(at, (short) JnrStructs.AF_UNIX);
        int path = at + JnrStructs.SUN_PATH_OFFSET;
        if (address instanceof UnixAddress.Pathname pathname) {
            byte[] bytes = pathname.bytes(); // at most 107 bytes: UnixAddress checked
            s.put(path, bytes);
            s.put(path + bytes.length, (byte) 0);
            return JnrStructs.SUN_PATH_OFFSET + bytes.length + 1;
        }
        if (address instanceof UnixAddress.Abstract name) {
            byte[] bytes = name.name();
            s.put(path, (byte) 0);
            s.put(path + 1, bytes);
            return JnrStructs.SUN_PATH_OFFSET + 1 + bytes.length;
        }
        return JnrStructs.SUN_PATH_OFFSET;
    }

    /** Reads the address a call left in the scratch memory's sockaddr, {@code length} bytes long. */
    static UnixAddress decode(JnrScratch scratch, int length) {
        int pathLength = Math.min(length, JnrStructs.SOCKADDR_UN_SIZE) - JnrStructs.SUN_PATH_OFFSET;
        if (pathLength <= 0) {
            return UnixAddress.unnamed();
        }
        ByteBuffer s = scratch.structs;
        int path = scratch.sockaddrOffset() + JnrStructs.SUN_PATH_OFFSET;
        if (s.get(path) == 0) {
            byte[] name = new byte[pathLength - 1];
            s.get(path + 1, name);
            return UnixAddress.abstractName(name);
        }
        int end = 0;
        while (end < pathLength && s.get(path + end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end];
        s.get(path, bytes);
        return UnixAddress.of(new String(bytes, ENCODING));
    }
}
