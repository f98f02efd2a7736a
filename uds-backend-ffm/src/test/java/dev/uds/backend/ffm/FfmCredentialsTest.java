package dev.uds.backend.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Ancillary;
import dev.uds.Backend;
import dev.uds.PeerCredentials;
import dev.uds.PermissionDeniedException;
import dev.uds.ReceivedMessage;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SO_PEERCRED, SO_PASSCRED and SCM_CREDENTIALS. */
class FfmCredentialsTest {
    private final Backend ffm = FfmTestSockets.ffm();
    private final int pid = (int) ProcessHandle.current().pid();

    private static int uid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    private static int gid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
    }

    @Test
    void peerCredentialsNameThisProcess() throws IOException {
        try (SocketPair pair = ffm.pair(SocketType.STREAM)) {
            assertEquals(PeerCredentials.of(pid, uid(), gid()), pair.first().peerCredentials());
        }
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void passCredentialsGivesEveryMessageItsSender(SocketType type) throws IOException {
        try (SocketPair pair = ffm.pair(type)) {
            pair.second().setOption(UnixSocketOption.PASS_CREDENTIALS, true);
            assertTrue(pair.second().getOption(UnixSocketOption.PASS_CREDENTIALS));
            pair.first().send(ByteBuffer.wrap(new byte[] {1}));
            try (ReceivedMessage m = pair.second().receiveMessage(ByteBuffer.allocate(8), 0)) {
                assertEquals(PeerCredentials.of(pid, uid(), gid()), m.credentials().orElseThrow());
                assertEquals(false, m.descriptorsTruncated());
            }
        }
    }

    @Test
    void statedOwnCredentialsArriveAsStated() throws IOException {
        try (SocketPair pair = ffm.pair(SocketType.DGRAM)) {
            pair.second().setOption(UnixSocketOption.PASS_CREDENTIALS, true);
            PeerCredentials own = PeerCredentials.of(pid, uid(), gid());
            pair.first().send(ByteBuffer.wrap(new byte[] {1}), Ancillary.credentials(own));
            try (ReceivedMessage m = pair.second().receiveMessage(ByteBuffer.allocate(8), 0)) {
                assertEquals(own, m.credentials().orElseThrow());
            }
        }
    }

    @Test
    void statedCredentialsOfAnotherProcessAreRefusedWithPermissionDenied() throws Exception {
        // Root's CAP_SYS_ADMIN and CAP_SETUID allow any stated credentials; the sending thread
        // drops them, so the kernel's check runs here as root or not.
        try (SocketPair pair = ffm.pair(SocketType.DGRAM)) {
            PeerCredentials other = PeerCredentials.of(1, 0, 0);
            UnprivilegedThread.run(() -> {
                PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
                        () -> pair.first().send(ByteBuffer.wrap(new byte[] {1}), Ancillary.credentials(other)));
                assertTrue(e.getMessage().contains("EPERM"), e.getMessage());
            });
        }
    }
}
