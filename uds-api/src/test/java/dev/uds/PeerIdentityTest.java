package dev.uds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.internal.PeerIdentity;
import java.nio.charset.StandardCharsets;
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
    void theCapabilitiesFollowTheRunningKernel() {
        boolean recent = PeerIdentity.kernelAtLeast(System.getProperty("os.version"), 6, 5);
        assertEquals(recent, PeerIdentity.allCapabilitiesOfThisKernel().contains(Capability.PEER_PIDFD));
        assertEquals(Capability.values().length - (recent ? 0 : 1), PeerIdentity.allCapabilitiesOfThisKernel().size());
    }

    @Test
    void labelEndsBeforeItsNul() {
        byte[] bytes = "system_u:system_r:sshd_t:s0\0\0".getBytes(StandardCharsets.UTF_8);
        assertEquals("system_u:system_r:sshd_t:s0", PeerIdentity.label(bytes, bytes.length));
        assertEquals("unconfined", PeerIdentity.label("unconfined".getBytes(StandardCharsets.UTF_8), 10));
        assertEquals("", PeerIdentity.label(new byte[8], 0));
    }
}
