package dev.uds.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.uds.UnixAddress;
import dev.uds.internal.FileNames;
import dev.uds.testsupport.FuzzRun;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;

/**
 * A {@code UnixAddress} made from whatever bytes a kernel could return in {@code sun_path}
 * ({@link Sockaddr#fromSunPath}), and written back ({@link Sockaddr#sunPath}): any bytes, any length.
 */
class SunPathFuzzTest {
    private static final FuzzRun RUN = new FuzzRun("UnixAddress from sun_path bytes (uds-linux, Sockaddr.fromSunPath)",
            SunPathFuzzTest.class, "addressFromAnySunPath");

    @AfterAll
    static void figures() {
        RUN.writeFigures();
    }

    @FuzzTest
    void addressFromAnySunPath(FuzzedDataProvider data) throws Exception {
        // The returned address length less the family, as a backend passes it: clipped to the
        // buffer, so at most sun_path's size; zero or less when the kernel wrote the family alone.
        int length = data.consumeInt(-3, Structs.SUN_PATH_SIZE);
        byte[] sunPath = data.consumeBytes(Structs.SUN_PATH_SIZE);
        RUN.execute(() -> check(Arrays.copyOf(sunPath, Math.max(sunPath.length, length)), length));
    }

    private static void check(byte[] sunPath, int length) {
        // No refusal at all: even a pathname that fills sun_path with no NUL is an address.
        UnixAddress address = Sockaddr.fromSunPath(sunPath, length);
        if (length <= 0) {
            assertEquals(UnixAddress.unnamed(), address);
            return;
        }
        if (sunPath[0] == 0) {
            // Abstract: every byte up to the length is the name, NULs included; written back the same.
            UnixAddress.Abstract name = assertInstanceOf(UnixAddress.Abstract.class, address);
            assertArrayEquals(Arrays.copyOfRange(sunPath, 1, length), name.name());
            assertArrayEquals(Arrays.copyOf(sunPath, length), Sockaddr.sunPath(address));
            return;
        }
        // A pathname: its bytes up to the first NUL, exactly, whatever the encoding makes of them.
        UnixAddress.Pathname pathname = assertInstanceOf(UnixAddress.Pathname.class, address);
        int nul = indexOfNul(sunPath, length);
        byte[] path = Arrays.copyOf(sunPath, nul < 0 ? length : nul);
        assertArrayEquals(path, pathname.bytes());
        byte[] written = Sockaddr.sunPath(address);
        // With its NUL, unless it fills sun_path: then without, as the kernel takes it.
        assertArrayEquals(Arrays.copyOf(path, Math.min(path.length + 1, Structs.SUN_PATH_SIZE)), written);
        assertEquals(address, Sockaddr.fromSunPath(written, written.length));
        if (decodes(path)) {
            // Text the encoding can say is the path's text too.
            assertEquals(Path.of(new String(path, FileNames.ENCODING)), pathname.path());
        }
    }

    private static int indexOfNul(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean decodes(byte[] path) {
        try {
            FileNames.ENCODING.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(path));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
