package dev.uds.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.PeerCredentials;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The SCM_SECURITY walk, on control data laid out as the kernel's {@code put_cmsg} lays it: this
 * machine's kernel sends no label (no security module labels sockets), so the TCK cannot reach
 * this path here.
 */
class ControlMessagesTest {

    @Test
    void labelIsReadWithOrWithoutItsNul() throws IOException {
        assertEquals("system_u:system_r:sshd_t:s0", readLabel("system_u:system_r:sshd_t:s0\0"));
        assertEquals("unconfined", readLabel("unconfined"));
        assertEquals("a", readLabel("a\0garbage"), "the label ends at its NUL");
    }

    @Test
    void labelComesWithCredentialsInOneReceive() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(Structs.MAX_CONTROL).order(ByteOrder.nativeOrder());
        int used = ControlMessages.write(buffer, 0, new int[0], PeerCredentials.of(42, 1000, 1000));
        used += securityMessage(buffer, used, "label");
        ControlMessages.Received received = ControlMessages.read(buffer, 0, used, 0, n -> {
            throw new AssertionError("no descriptor came");
        }, null);
        assertEquals("label", received.securityLabel());
        assertEquals(PeerCredentials.of(42, 1000, 1000), received.credentials());
        assertTrue(received.descriptors().isEmpty());
    }

    @Test
    void noLabelWithoutSecurityMessage() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(Structs.MAX_CONTROL).order(ByteOrder.nativeOrder());
        int used = ControlMessages.write(buffer, 0, new int[0], PeerCredentials.of(42, 1000, 1000));
        assertNull(ControlMessages.read(buffer, 0, used, 0, n -> null, null).securityLabel());
    }

    @Test
    void receiveOffersRoomForALabelBeforeTheDescriptorsAndAPidfdAfter() {
        assertEquals(Structs.MAX_CONTROL, ControlMessages.receiveSpace(Structs.SCM_MAX_FD));
        assertEquals(Structs.cmsgSpace(Structs.UCRED_SIZE) + Structs.cmsgSpace(Structs.SECURITY_LABEL_ROOM)
                + 2 * Structs.cmsgSpace(Integer.BYTES), ControlMessages.receiveSpace(1));
        assertEquals(Structs.cmsgSpace(Structs.UCRED_SIZE) + Structs.cmsgSpace(Structs.SECURITY_LABEL_ROOM)
                + Structs.cmsgSpace(Integer.BYTES), ControlMessages.receiveSpace(0), "a pidfd even without descriptors");
    }

    /**
     * A kernel before pidfds of reaped processes (6.5 to 6.15 or so) puts the negative errno of
     * its failed {@code pidfd_prepare} in the SCM_PIDFD message: no process, and nothing to close
     * (the null {@link Syscalls} would fail any close).
     */
    @Test
    void pidfdMessageWithAnErrorNumberIsNoProcess() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(Structs.MAX_CONTROL).order(ByteOrder.nativeOrder());
        int used = ControlMessages.write(buffer, 0, new int[0], PeerCredentials.of(42, 1000, 1000));
        buffer.putLong(used + Structs.CMSG_LEN, Structs.cmsgLength(Integer.BYTES));
        buffer.putInt(used + Structs.CMSG_LEVEL, Linux.SOL_SOCKET);
        buffer.putInt(used + Structs.CMSG_TYPE, Linux.SCM_PIDFD);
        buffer.putInt(used + Structs.CMSG_HEADER_SIZE, -3); // -ESRCH
        used += Structs.cmsgSpace(Integer.BYTES);
        ControlMessages.Received received = ControlMessages.read(buffer, 0, used, 0, n -> null, null);
        assertNull(received.senderProcess());
        assertEquals(PeerCredentials.of(42, 1000, 1000), received.credentials());
        ControlMessages.discard(buffer, 0, used, null);
    }

    private static String readLabel(String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(Structs.MAX_CONTROL).order(ByteOrder.nativeOrder());
        int used = securityMessage(buffer, 0, text);
        return ControlMessages.read(buffer, 0, used, 0, n -> null, null).securityLabel();
    }

    /** An SCM_SECURITY message as put_cmsg writes it: its length unpadded, its space aligned. */
    private static int securityMessage(ByteBuffer buffer, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.putLong(at + Structs.CMSG_LEN, Structs.cmsgLength(bytes.length));
        buffer.putInt(at + Structs.CMSG_LEVEL, Linux.SOL_SOCKET);
        buffer.putInt(at + Structs.CMSG_TYPE, Linux.SCM_SECURITY);
        buffer.put(at + Structs.CMSG_HEADER_SIZE, bytes);
        return Structs.cmsgSpace(bytes.length);
    }
}
