package dev.uds.backend.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.uds.AddressInUseException;
import dev.uds.Backend;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.linux.Sockaddr;
import dev.uds.linux.Structs;
import dev.uds.testsupport.FuzzRun;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;

/**
 * {@code struct sockaddr_un} as this backend reads it from any bytes and any returned length, and
 * as it writes an address back: the core's {@link Sockaddr} over native memory viewed as this
 * backend views it (a segment and a buffer on the same bytes). Abstract names also go through the
 * kernel: bound, and read back with getsockname(2).
 */
class FfmSockaddrFuzzTest {
    private static final int CAPACITY = Structs.SOCKADDR_UN_SIZE;
    private static final int SUN_PATH = Structs.SUN_PATH_OFFSET;
    private static final FuzzRun RUN = new FuzzRun("sockaddr_un decoding of the ffm backend (Sockaddr over a segment)",
            FfmSockaddrFuzzTest.class, "sockaddrFromAnyBytes");
    private static final Backend FFM = FfmTestSockets.ffm();

    @AfterAll
    static void figures() {
        RUN.writeFigures();
    }

    @FuzzTest
    void sockaddrFromAnyBytes(FuzzedDataProvider data) throws Exception {
        // The length accept(2), getsockname(2) or recvfrom(2) returned: at most the buffer, more
        // when the address was cut, or less than the family when there is none.
        int length = data.consumeInt(-4, CAPACITY + 8);
        boolean throughKernel = data.consumeBoolean();
        byte[] bytes = data.consumeBytes(CAPACITY);
        RUN.execute(() -> check(Arrays.copyOf(bytes, CAPACITY), length, throughKernel));
    }

    private static void check(byte[] bytes, int length, boolean throughKernel) throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sockaddr = arena.allocate(CAPACITY, 8);
            MemorySegment.copy(bytes, 0, sockaddr, ValueLayout.JAVA_BYTE, 0, CAPACITY);
            int pathLength = Math.min(length, CAPACITY) - SUN_PATH;
            // No refusal: a pathname that fills sun_path with no NUL is an address too.
            UnixAddress address = Sockaddr.decode(view(sockaddr), 0, length);
            if (pathLength <= 0) {
                assertEquals(UnixAddress.unnamed(), address);
            } else if (bytes[SUN_PATH] == 0) {
                UnixAddress.Abstract name = assertInstanceOf(UnixAddress.Abstract.class, address);
                assertArrayEquals(Arrays.copyOfRange(bytes, SUN_PATH + 1, SUN_PATH + pathLength), name.name());
            } else {
                assertInstanceOf(UnixAddress.Pathname.class, address);
            }
            // Written back, it is the same address, in as many bytes as the kernel would return.
            MemorySegment written = arena.allocate(CAPACITY, 8);
            int writtenLength = Sockaddr.encode(address, view(written), 0);
            assertEquals(address, Sockaddr.decode(view(written), 0, writtenLength));
            if (address instanceof UnixAddress.Abstract) {
                assertEquals(SUN_PATH + pathLength, writtenLength);
                assertArrayEquals(Arrays.copyOfRange(bytes, SUN_PATH, SUN_PATH + pathLength),
                        written.asSlice(SUN_PATH, pathLength).toArray(ValueLayout.JAVA_BYTE));
                if (throughKernel) {
                    assertKernelReportsItBack(address);
                }
            }
        }
    }

    /** Binds the name and reads it back with getsockname(2): the kernel's bytes, decoded. */
    private static void assertKernelReportsItBack(UnixAddress name) throws Exception {
        try (UnixSocket socket = FFM.open(SocketType.DGRAM)) {
            try {
                socket.bind(name);
            } catch (AddressInUseException e) {
                return; // another socket of this machine has the name: documented, and nothing to read back
            }
            assertEquals(name, socket.localAddress());
        }
    }

    private static ByteBuffer view(MemorySegment segment) {
        return segment.asByteBuffer().order(ByteOrder.nativeOrder());
    }
}
