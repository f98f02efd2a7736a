package dev.uds.backend.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.uds.UnixAddress;
import dev.uds.internal.Linux;
import java.lang.foreign.MemorySegment;

/**
 * {@code struct sockaddr_un} to and from {@link UnixAddress}: the family here, the
 * {@code sun_path} format of unix(7) (and the care its BUGS section asks for) in
 * {@link Linux#sunPath} and {@link Linux#fromSunPath}.
 */
final class FfmSockaddr {
    private static final long SUN_PATH = LibcStructs.SUN_PATH_OFFSET;
    private static final int CAPACITY = (int) LibcStructs.SOCKADDR_UN.byteSize();

    private FfmSockaddr() {
    }

    /**
     * Writes an address into {@code sockaddr}.
     *
     * @return the address length to pass to the call
     */
    static int encode(UnixAddress address, MemorySegment sockaddr) {
        sockaddr.set(JAVA_SHORT, 0, (short) Linux.AF_UNIX);
        byte[] path = Linux.sunPath(address);
        MemorySegment.copy(path, 0, sockaddr, JAVA_BYTE, SUN_PATH, path.length);
        return (int) SUN_PATH + path.length;
    }

    /**
     * Reads an address the kernel wrote, {@code length} being the length it returned (which may
     * exceed the buffer if the address was cut; only the buffer is read then).
     */
    static UnixAddress decode(MemorySegment sockaddr, int length) {
        int pathLength = Math.min(length, CAPACITY) - (int) SUN_PATH;
        byte[] path = new byte[Math.max(0, pathLength)];
        MemorySegment.copy(sockaddr, JAVA_BYTE, SUN_PATH, path, 0, path.length);
        return Linux.fromSunPath(path, pathLength);
    }
}
