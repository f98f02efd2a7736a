package dev.uds.linux;

import dev.uds.UnixAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * {@code struct sockaddr_un} to and from {@link UnixAddress}, over a native-order
 * {@link ByteBuffer} (the ffm backend views the same memory as a {@code MemorySegment}, jnr passes
 * its address).
 *
 * <p>The rules of unix(7): a pathname is written with its NUL; an abstract name starts with a NUL
 * and has nothing after its last byte; the unnamed address is the family alone (autobind). Read
 * back, the returned length is the truth, as unix(7)'s BUGS section asks. A pathname that fills
 * all 108 bytes of {@code sun_path} with no NUL is a valid address that another program may bind
 * (the kernel adds the NUL itself): it is read as a 108-byte pathname, not refused, and written
 * back the same way, without a NUL.
 */
public final class Sockaddr {
    private Sockaddr() {
    }

    /**
     * Writes an address at {@code at} in {@code buffer}.
     *
     * @param address the address
     * @param buffer  native-order memory with room for {@link Structs#SOCKADDR_UN_SIZE} bytes at {@code at}
     * @param at      where the struct starts
     * @return the address length to pass to the call
     */
    public static int encode(UnixAddress address, ByteBuffer buffer, int at) {
        buffer.putShort(at, (short) Linux.AF_UNIX);
        byte[] path = sunPath(address);
        buffer.put(at + Structs.SUN_PATH_OFFSET, path);
        return Structs.SUN_PATH_OFFSET + path.length;
    }

    /**
     * Reads an address the kernel wrote at {@code at}.
     *
     * @param buffer the memory
     * @param at     where the struct starts
     * @param length the length the call returned, which may exceed the struct if the address was
     *               cut (only the struct is read then)
     * @return the address
     */
    public static UnixAddress decode(ByteBuffer buffer, int at, int length) {
        int pathLength = Math.min(length, Structs.SOCKADDR_UN_SIZE) - Structs.SUN_PATH_OFFSET;
        byte[] path = new byte[Math.max(0, pathLength)];
        buffer.get(at + Structs.SUN_PATH_OFFSET, path);
        return fromSunPath(path, pathLength);
    }

    /**
     * What to write into {@code sun_path} for an address; the address length to pass is the
     * offset of {@code sun_path} plus this length.
     *
     * @param address the address
     * @return the bytes, at most {@link Structs#SUN_PATH_SIZE}
     */
    public static byte[] sunPath(UnixAddress address) {
        if (address instanceof UnixAddress.Pathname pathname) {
            // A path of 108 bytes fills sun_path: passed without a NUL, as the kernel accepts.
            return Arrays.copyOf(pathname.bytes(), Math.min(pathname.length() + 1, Structs.SUN_PATH_SIZE));
        }
        if (address instanceof UnixAddress.Abstract name) {
            byte[] bytes = new byte[name.length() + 1];
            System.arraycopy(name.name(), 0, bytes, 1, name.length());
            return bytes;
        }
        return new byte[0];
    }

    /**
     * Reads {@code sun_path} as the kernel returned it.
     *
     * @param sunPath the bytes of {@code sun_path}, at least {@code length} of them
     * @param length  the returned address length less the offset of {@code sun_path}, already
     *                clipped to the buffer the call was given
     * @return the address; a pathname ends at its first NUL or at {@code length}, whichever comes first
     */
    public static UnixAddress fromSunPath(byte[] sunPath, int length) {
        if (length <= 0) {
            return UnixAddress.unnamed();
        }
        if (sunPath[0] == 0) {
            return UnixAddress.abstractName(Arrays.copyOfRange(sunPath, 1, length));
        }
        int end = 0;
        while (end < length && end < Structs.SUN_PATH_SIZE && sunPath[end] != 0) {
            end++;
        }
        // The bytes themselves: decoding them and encoding the text again would change a path that
        // is not valid in the encoding (a C program's, say), and could make it longer than sun_path.
        return UnixAddress.of(Arrays.copyOf(sunPath, end));
    }
}
