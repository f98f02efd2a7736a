package dev.uds.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Capability;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kernel versions that have SO_PEERPIDFD, and how an SO_PEERSEC label reads. */
class PeerIdentityTest {

    @Test
    void peerPidfdNeedsLinuxSixFive() {
        assertTrue(PeerIdentity.kernelAtLeast("6.5.0", 6, 5));
        assertTrue(PeerIdentity.kernelAtLeast("6.18.44-fc-v657", 6, 5));
        assertTrue(PeerIdentity.kernelAtLeast("7.0.1", 6, 5));
        assertFalse(PeerIdentity.kernelAtLeast("6.1.0-18-amd64", 6, 5));
        assertFalse(PeerIdentity.kernelAtLeast("5.19.17", 6, 5));
        assertFalse(PeerIdentity.kernelAtLeast("unknown", 6, 5));
    }

    @Test
    void pidfdsAreDeclaredOnlyWhereTheRunningKernelHasThem() {
        boolean recent = PeerIdentity.kernelAtLeast(System.getProperty("os.version"), 6, 5);
        Set<Capability> declared = EnumSet.of(Capability.PEEK, Capability.PEER_PIDFD, Capability.SENDER_PIDFD,
                Capability.PEER_SECURITY_LABEL);
        Set<Capability> here = PeerIdentity.onThisKernel(declared);
        assertEquals(recent, here.contains(Capability.PEER_PIDFD));
        assertEquals(recent, here.contains(Capability.SENDER_PIDFD));
        assertEquals(declared.size() - (recent ? 0 : 2), here.size(), here.toString());
        assertEquals(recent, SocketOptions.withOptions(EnumSet.of(Capability.PEEK)).contains(Capability.SENDER_PIDFD),
                "the option table's capabilities follow the kernel too");
        assertTrue(here.containsAll(EnumSet.of(Capability.PEEK, Capability.PEER_SECURITY_LABEL)), here.toString());
        assertFalse(PeerIdentity.onThisKernel(EnumSet.of(Capability.PEEK)).contains(Capability.PEER_PIDFD),
                "nothing is added that was not declared");
    }

    @Test
    void labelEndsBeforeItsNul() {
        assertEquals("system_u:system_r:sshd_t:s0", PeerIdentity.decodeLabel(direct("system_u:system_r:sshd_t:s0\0\0"), 29));
        assertEquals("unconfined", PeerIdentity.decodeLabel(direct("unconfined"), 10));
        assertEquals("", PeerIdentity.decodeLabel(ByteBuffer.allocateDirect(8), 0));
        assertEquals("ab", PeerIdentity.decodeLabel(direct("ab"), 64), "a length past the buffer is cut to it");
    }

    private static ByteBuffer direct(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).clear();
    }
}
