package dev.uds.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.uds.AddressTooLongException;
import dev.uds.UnixAddress;
import dev.uds.internal.FileNames;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The sun_path format of unix(7), read back with the care of its BUGS section. */
class SunPathTest {

    @Test
    void pathnameIsWrittenWithItsNulAndAbstractWithALeadingNulAndNoTerminator() {
        assertArrayEquals(new byte[] {'/', 'a', 0}, Sockaddr.sunPath(UnixAddress.of("/a")));
        assertArrayEquals(new byte[] {0, 'x', 0, 'y'}, Sockaddr.sunPath(UnixAddress.abstractName(new byte[] {'x', 0, 'y'})));
        assertEquals(0, Sockaddr.sunPath(UnixAddress.unnamed()).length, "the family alone: autobind");
    }

    @Test
    void lengthFromTheKernelDecidesNotATerminatingNul() {
        byte[] full = new byte[108];
        Arrays.fill(full, (byte) 'p');
        full[0] = '/';
        // A pathname given without a NUL: the length is all there is.
        assertEquals(UnixAddress.of(new String(full, 0, 107)), Sockaddr.fromSunPath(full, 107));
        // One that fills all of sun_path, with no NUL, is a valid address (another program's), kept
        // whole, and written back without a NUL; a path made from text still stops at 107.
        UnixAddress.Pathname filled = (UnixAddress.Pathname) Sockaddr.fromSunPath(full, 108);
        assertArrayEquals(full, filled.bytes());
        assertArrayEquals(full, Sockaddr.sunPath(filled));
        assertThrows(AddressTooLongException.class, () -> UnixAddress.of(new String(full, 0, 108)));
        byte[] withGarbage = {'/', 'a', 0, 'z', 'z'};
        assertEquals(UnixAddress.of("/a"), Sockaddr.fromSunPath(withGarbage, 5), "bytes after the NUL are not part of it");
    }

    @Test
    void pathnameNotValidInTheEncodingKeepsTheKernelsBytes() {
        // Found by SunPathFuzzTest: decoded and encoded again, 47 bytes became 138 and were refused.
        byte[] sunPath = new byte[47];
        Arrays.fill(sunPath, (byte) 0xff);
        sunPath[0] = '/';
        UnixAddress.Pathname address = (UnixAddress.Pathname) Sockaddr.fromSunPath(sunPath, sunPath.length);
        assertArrayEquals(sunPath, address.bytes());
        assertEquals(address, UnixAddress.of(sunPath.clone()));
        assertArrayEquals(Arrays.copyOf(sunPath, 48), Sockaddr.sunPath(address));
    }

    @Test
    void abstractNamesKeepEveryByteUpToTheLengthIncludingNuls() {
        byte[] sunPath = {0, 'a', 0, 'b', 'c', 'c'};
        assertEquals(UnixAddress.abstractName(new byte[] {'a', 0, 'b'}), Sockaddr.fromSunPath(sunPath, 4));
    }

    @Test
    void noPathIsTheUnnamedAddress() {
        assertEquals(UnixAddress.unnamed(), Sockaddr.fromSunPath(new byte[0], 0));
        assertEquals(UnixAddress.unnamed(), Sockaddr.fromSunPath(new byte[0], -2));
    }
}
