package dev.uds.backend.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.uds.UnixAddress;
import java.lang.foreign.MemorySegment;
import java.nio.charset.Charset;

/**
 * {@code struct sockaddr_un} to and from {@link UnixAddress}, as unix(7) describes the three
 * kinds of address, and with the care its BUGS section asks for when reading one back: the
 * length the kernel returns is the truth, and a pathname may fill {@code sun_path} with no NUL.
 */
final class FfmSockaddr {
    /** The encoding the JDK turns file names into bytes with; the API encodes paths with it too. */
    private static final Charset FILE_NAMES = Charset.forName(
            System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
    private static final long SUN_PATH = LibcStructs.SUN_PATH_OFFSET;
    private static final int SUN_PATH_SIZE = (int) (LibcStructs.SOCKADDR_UN.byteSize() - SUN_PATH);

    private FfmSockaddr() {
    }

    /**
     * Writes an address into {@code sockaddr}.
     *
     * @return the address length to pass to the call: for a pathname, with its terminating NUL;
     *         for an abstract name, the leading NUL and the name, nothing more (trailing bytes
     *         would be part of the name); for unnamed, the family alone (autobind on bind)
     */
    static int encode(UnixAddress address, MemorySegment sockaddr) {
        sockaddr.set(JAVA_SHORT, 0, (short) LibcStructs.AF_UNIX);
        return switch (address) {
            case UnixAddress.Pathname p -> {
                byte[] bytes = p.bytes();
                MemorySegment.copy(bytes, 0, sockaddr, JAVA_BYTE, SUN_PATH, bytes.length);
                sockaddr.set(JAVA_BYTE, SUN_PATH + bytes.length, (byte) 0);
                yield (int) SUN_PATH + bytes.length + 1;
            }
            case UnixAddress.Abstract a -> {
                byte[] name = a.name();
                sockaddr.set(JAVA_BYTE, SUN_PATH, (byte) 0);
                MemorySegment.copy(name, 0, sockaddr, JAVA_BYTE, SUN_PATH + 1, name.length);
                yield (int) SUN_PATH + 1 + name.length;
            }
            case UnixAddress.Unnamed u -> LibcStructs.SA_FAMILY_SIZE;
        };
    }

    /**
     * Reads an address the kernel wrote, {@code length} being the length it returned (which may
     * exceed the buffer if the address was cut; only the buffer is read then).
     */
    static UnixAddress decode(MemorySegment sockaddr, int length) {
        int pathLength = Math.min(length, (int) LibcStructs.SOCKADDR_UN.byteSize()) - (int) SUN_PATH;
        if (pathLength <= 0) {
            return UnixAddress.unnamed();
        }
        if (sockaddr.get(JAVA_BYTE, SUN_PATH) == 0) {
            byte[] name = new byte[pathLength - 1];
            MemorySegment.copy(sockaddr, JAVA_BYTE, SUN_PATH + 1, name, 0, name.length);
            return UnixAddress.abstractName(name);
        }
        // A pathname: up to the first NUL within the returned length, if there is one.
        int end = 0;
        while (end < pathLength && end < SUN_PATH_SIZE && sockaddr.get(JAVA_BYTE, SUN_PATH + end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end];
        MemorySegment.copy(sockaddr, JAVA_BYTE, SUN_PATH, bytes, 0, end);
        return UnixAddress.of(new String(bytes, FILE_NAMES));
    }
}
