package dev.uds.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.uds.UnixAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The thread's recent addresses: the same bytes as {@link Sockaddr}, and the same object for a repeated sender. */
class RecentAddressesTest {
    private final ByteBuffer memory = ByteBuffer.allocateDirect(Structs.SOCKADDR_UN_SIZE).order(ByteOrder.nativeOrder());
    private final ByteBuffer expected = ByteBuffer.allocateDirect(Structs.SOCKADDR_UN_SIZE).order(ByteOrder.nativeOrder());

    @Test
    void encodesAsSockaddrDoesWhetherKnownOrNot() {
        RecentAddresses recent = new RecentAddresses();
        byte[] fullSunPath = "x".repeat(108).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (UnixAddress address : new UnixAddress[] {UnixAddress.of("/tmp/a.sock"), UnixAddress.abstractName("x\0y"),
                UnixAddress.of("/tmp/a.sock"), UnixAddress.of(fullSunPath), UnixAddress.of(fullSunPath)}) {
            int length = recent.encode(address, memory, 0);
            int reference = Sockaddr.encode(address, expected, 0);
            assertEquals(reference, length, address.toString());
            assertEquals(expected.slice(0, reference), memory.slice(0, length), address.toString());
        }
    }

    @Test
    void aRepeatedSenderIsTheSameObjectAndAnOtherIsNot() {
        RecentAddresses recent = new RecentAddresses();
        UnixAddress one = UnixAddress.of("/tmp/one.sock");
        int length = Sockaddr.encode(one, memory, 0);
        UnixAddress first = recent.decode(memory, 0, length);
        assertEquals(one, first);
        assertSame(first, recent.decode(memory, 0, length));
        UnixAddress other = UnixAddress.of("/tmp/two.sock");
        UnixAddress second = recent.decode(memory, 0, Sockaddr.encode(other, memory, 0));
        assertEquals(other, second);
        assertNotSame(first, second);
    }

    @Test
    void manyAddressesStayCorrectWhenTheOldestAreForgotten() {
        RecentAddresses recent = new RecentAddresses();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 10; i++) {
                UnixAddress address = i % 2 == 0 ? UnixAddress.of("/tmp/s" + i) : UnixAddress.abstractName("a" + i);
                assertEquals(address, recent.decode(memory, 0, recent.encode(address, memory, 0)));
            }
        }
    }

    @Test
    void anUnboundSenderIsUnnamed() {
        RecentAddresses recent = new RecentAddresses();
        assertSame(UnixAddress.unnamed(), recent.decode(memory, 0, 0), "recvfrom's length for an unbound sender");
        assertSame(UnixAddress.unnamed(), recent.decode(memory, 0, Structs.SUN_PATH_OFFSET), "the family alone");
    }
}
