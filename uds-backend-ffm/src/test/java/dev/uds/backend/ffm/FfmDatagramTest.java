package dev.uds.backend.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Backend;
import dev.uds.Errno;
import dev.uds.PermissionDeniedException;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Addressed datagrams on {@code ffm} beyond the TCK: a socket file the sender may not write, and
 * no allocation per call once the peers are known ({@link dev.uds.linux.RecentAddresses}).
 */
class FfmDatagramTest {
    private final Backend ffm = FfmTestSockets.ffm();

    @TempDir
    Path dir;

    /**
     * The kernel checks write permission on the socket file (unix(7)); root passes over file
     * modes, so the sender runs on a thread without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH.
     */
    @Test
    void sendToSocketFileWithoutWritePermissionIsPermissionDenied() throws Exception {
        Path file = dir.resolve("read-only.sock");
        UnixAddress address = UnixAddress.of(file);
        try (UnixSocket receiver = ffm.open(SocketType.DGRAM); UnixSocket sender = ffm.open(SocketType.DGRAM)) {
            receiver.bind(address);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
            UnprivilegedThread.runWithout(new int[] {UnprivilegedThread.CAP_DAC_OVERRIDE,
                    UnprivilegedThread.CAP_DAC_READ_SEARCH}, () -> {
                PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
                        () -> sender.sendTo(ByteBuffer.wrap(new byte[] {1}), address));
                assertEquals(Errno.EACCES.number(), e.errno());
                assertTrue(e.getMessage().contains("sendto") && e.getMessage().contains(file.toString())
                        && e.getMessage().contains("EACCES"), e.getMessage());
            });
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            sender.sendTo(ByteBuffer.wrap(new byte[] {2}), address);
            ByteBuffer got = ByteBuffer.allocate(1);
            assertEquals(UnixAddress.unnamed(), receiver.receiveFrom(got));
            assertEquals(2, got.get(0), "the refused datagram never arrived; the later one did");
        }
    }

    /**
     * A server answering the same client: sendto and recvfrom allocate nothing per call once
     * each address has been seen, and a repeated sender is the same object. Measured by the
     * thread's allocated bytes, a count, not a time.
     */
    @Test
    void answeringTheSameClientAllocatesNothingPerCall() throws Exception {
        UnixAddress serverAddress = UnixAddress.of(dir.resolve("server.sock"));
        try (UnixSocket server = ffm.open(SocketType.DGRAM); UnixSocket client = ffm.open(SocketType.DGRAM)) {
            server.bind(serverAddress);
            client.bind(UnixAddress.unnamed());
            ByteBuffer request = ByteBuffer.allocateDirect(64);
            ByteBuffer reply = ByteBuffer.allocateDirect(64);
            UnixAddress first = roundTrip(server, client, serverAddress, request, reply);
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().getId();
            UnixAddress last = null;
            // The claim is about compiled code: under load the JIT may not be done after the first
            // windows, so the least of up to 20 windows of 10,000 round trips is what is judged.
            long allocated = Long.MAX_VALUE;
            for (int window = 0; window < 20 && allocated >= 10_000; window++) {
                long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < 10_000; i++) {
                    last = roundTrip(server, client, serverAddress, request, reply);
                }
                allocated = Math.min(allocated, threads.getThreadAllocatedBytes(thread) - before);
            }
            assertSame(first, last, "a repeated sender is the same address object");
            assertTrue(allocated < 10_000, "the least of 20 windows of 10,000 round trips allocated " + allocated
                    + " bytes: less than one byte each");
        }
    }

    private static UnixAddress roundTrip(UnixSocket server, UnixSocket client, UnixAddress serverAddress,
            ByteBuffer request, ByteBuffer reply) throws Exception {
        request.clear().putInt(0, 7);
        client.sendTo(request, serverAddress);
        request.clear();
        UnixAddress sender = server.receiveFrom(request);
        request.flip();
        server.sendTo(request, sender);
        reply.clear();
        client.receiveFrom(reply);
        return sender;
    }
}
