package dev.uds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UnixAddressTest {

    @Test
    void pathOf107BytesIsAcceptedAnd108IsRefusedWithLengthAndLimit() {
        String ok = "/" + "a".repeat(106);
        assertEquals(107, ((UnixAddress.Pathname) UnixAddress.of(ok)).length());
        AddressTooLongException e = assertThrows(AddressTooLongException.class, () -> UnixAddress.of(ok + "b"));
        assertTrue(e.getMessage().contains("108 bytes") && e.getMessage().contains("at most 107"), e.getMessage());
    }

    @Test
    void lengthIsCountedInBytesOfTheFileSystemEncodingNotInCharacters() {
        assertEquals("UTF-8", Charset.forName(System.getProperty("sun.jnu.encoding")).name(),
                "the build runs these tests under C.UTF-8");
        String path = "/" + "\u00e9".repeat(60); // 61 characters, 121 bytes
        AddressTooLongException e = assertThrows(AddressTooLongException.class, () -> UnixAddress.of(path));
        assertTrue(e.getMessage().contains("121 bytes"), e.getMessage());
        assertEquals(105, ((UnixAddress.Pathname) UnixAddress.of("/" + "\u00e9".repeat(52))).length());
    }

    @Test
    void emptyPathAndNulAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> UnixAddress.of(""));
        assertThrows(IllegalArgumentException.class, () -> UnixAddress.of("/tmp/a\0b"));
    }

    @Test
    void abstractNamesKeepNulBytesAndPrintAsSsDoes() {
        UnixAddress a = UnixAddress.abstractName(new byte[] {'x', 0, 'y'});
        assertArrayEquals(new byte[] {'x', 0, 'y'}, ((UnixAddress.Abstract) a).name());
        assertEquals("@x\\x00y", a.toString());
        assertEquals(a, UnixAddress.abstractName(new byte[] {'x', 0, 'y'}));
        assertNotEquals(a, UnixAddress.abstractName("x"));
        assertThrows(AddressTooLongException.class, () -> UnixAddress.abstractName(new byte[108]));
        assertEquals(107, ((UnixAddress.Abstract) UnixAddress.abstractName(new byte[107])).length());
    }

    @Test
    void abstractNameBytesCannotBeChangedFromOutside() {
        byte[] name = {'a'};
        UnixAddress.Abstract a = (UnixAddress.Abstract) UnixAddress.abstractName(name);
        name[0] = 'b';
        a.name()[0] = 'c';
        assertEquals("@a", a.toString());
    }

    @Test
    void addressesAreValues() {
        assertEquals(UnixAddress.of("/tmp/x"), UnixAddress.of(Path.of("/tmp/x")));
        assertEquals(UnixAddress.of("/tmp/x").hashCode(), UnixAddress.of(Path.of("/tmp/x")).hashCode());
        assertEquals(UnixAddress.unnamed(), UnixAddress.unnamed());
        assertEquals("(unnamed)", UnixAddress.unnamed().toString());
    }
}
