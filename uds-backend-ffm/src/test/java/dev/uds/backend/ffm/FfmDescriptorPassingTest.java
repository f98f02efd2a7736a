package dev.uds.backend.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uds.Ancillary;
import dev.uds.Backend;
import dev.uds.OpenFile;
import dev.uds.ReceivedDescriptor;
import dev.uds.ReceivedMessage;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SCM_RIGHTS within this process and to a python3 process that nobody here wrote. */
class FfmDescriptorPassingTest {
    private static final String CHILD = """
            import os, socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(sys.argv[1])
            # 1: a file's descriptor; read the file through it and send its contents back.
            msg, fds, flags, addr = socket.recv_fds(s, 16, 4)
            with os.fdopen(fds[0], 'rb') as f:
                s.sendall(f.read())
            # 2: a connected socket; speak on it as its new owner.
            msg, fds, flags, addr = socket.recv_fds(s, 16, 4)
            handed = socket.socket(fileno=fds[0])
            handed.sendall(b'hello from pid %d' % os.getpid())
            handed.close()
            s.close()
            """;

    private final Backend ffm = FfmTestSockets.ffm();

    private static boolean python3Present() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import socket; socket.recv_fds").start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            System.out.println("python3 not usable: " + e);
            return false;
        }
    }

    @Test
    void pythonChildReadsPassedFileAndUsesHandedOverSocket(@TempDir Path dir) throws Exception {
        boolean python = python3Present();
        if (!python) {
            System.out.println("skipped: needs python3 (3.9+, for socket.recv_fds) on the PATH");
        }
        assumeTrue(python, "needs python3 3.9+ on the PATH");
        Path file = dir.resolve("secret.txt");
        Files.writeString(file, "the file's contents");
        Path script = dir.resolve("child.py");
        Files.writeString(script, CHILD);
        Path socketPath = dir.resolve("s.sock");
        try (UnixSocket server = ffm.listen(SocketType.STREAM, UnixAddress.of(socketPath), 1)) {
            Process child = new ProcessBuilder("python3", script.toString(), socketPath.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (UnixSocket toChild = server.accept(); SocketPair handed = ffm.pair(SocketType.STREAM)) {
                toChild.send(ByteBuffer.wrap(new byte[] {'f'}), Ancillary.descriptors(OpenFile.of(file)));
                assertEquals("the file's contents", readAll(toChild, 19));

                toChild.send(ByteBuffer.wrap(new byte[] {'s'}), Ancillary.descriptors(handed.first()));
                handed.first().close(); // the child holds the only descriptor for that end now
                ByteBuffer in = ByteBuffer.allocate(100);
                StringBuilder text = new StringBuilder();
                while (handed.second().receive(in.clear()) > 0) {
                    text.append(new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
                }
                assertEquals("hello from pid " + child.pid(), text.toString());
            } finally {
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child finished");
            }
            assertEquals(0, child.exitValue());
        }
    }

    private static String readAll(UnixSocket socket, int length) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(length);
        while (in.hasRemaining()) {
            if (socket.receive(in) < 0) {
                break;
            }
        }
        return new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
    }

    @Test
    void receivedFileDescriptorIsReadableAndCloseOnExec(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data");
        Files.writeString(file, "abc");
        try (SocketPair pair = ffm.pair(SocketType.SEQPACKET)) {
            pair.first().send(ByteBuffer.wrap(new byte[] {1}), Ancillary.descriptors(OpenFile.of(file)));
            try (ReceivedMessage m = pair.second().receiveMessage(ByteBuffer.allocate(8), 4)) {
                assertEquals(1, m.descriptors().size());
                ReceivedDescriptor d = m.descriptors().get(0);
                String flags = Files.readAllLines(Path.of("/proc/self/fdinfo/" + d.fd())).stream()
                        .filter(l -> l.startsWith("flags:")).findFirst().orElseThrow();
                int octal = Integer.parseInt(flags.substring("flags:".length()).trim(), 8);
                assertTrue((octal & 02000000) != 0, "O_CLOEXEC set: " + flags);
                assertFalse(d.isUnixSocket());
                ByteBuffer in = ByteBuffer.allocate(10);
                assertEquals(3, d.read(in));
                assertEquals(-1, d.read(in));
            }
        }
    }

    @Test
    void descriptorsBeyondTheAllowanceAreClosedAndReported(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data");
        Files.writeString(file, "x");
        List<String> before = FfmTestSockets.openDescriptors();
        try (SocketPair pair = ffm.pair(SocketType.STREAM)) {
            List<OpenFile> many = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                many.add(OpenFile.of(file));
            }
            pair.first().send(ByteBuffer.wrap(new byte[] {1}), Ancillary.descriptors(many));
            try (ReceivedMessage m = pair.second().receiveMessage(ByteBuffer.allocate(8), 3)) {
                assertTrue(m.descriptorsTruncated());
                assertEquals(3, m.descriptors().size());
                assertEquals(1, m.bytes());
                for (ReceivedDescriptor d : m.descriptors()) {
                    assertEquals(1, d.read(ByteBuffer.allocate(4)));
                }
            }
            // With no allowance at all, every descriptor is closed, by the kernel.
            pair.first().send(ByteBuffer.wrap(new byte[] {2}), Ancillary.descriptors(many));
            try (ReceivedMessage m = pair.second().receiveMessage(ByteBuffer.allocate(8), 0)) {
                assertTrue(m.descriptorsTruncated());
                assertTrue(m.descriptors().isEmpty());
            }
        }
        assertEquals(before, FfmTestSockets.openDescriptors(), "no descriptor leaked");
    }

    @Test
    void receivedSocketIsAdoptedAndWorks() throws IOException {
        try (SocketPair carrier = ffm.pair(SocketType.STREAM); SocketPair passed = ffm.pair(SocketType.SEQPACKET)) {
            carrier.first().send(ByteBuffer.wrap(new byte[] {1}), Ancillary.descriptors(passed.first()));
            try (ReceivedMessage m = carrier.second().receiveMessage(ByteBuffer.allocate(8), 1)) {
                ReceivedDescriptor d = m.descriptors().get(0);
                assertTrue(d.isUnixSocket());
                try (UnixSocket adopted = d.adoptAsSocket()) {
                    assertFalse(d.isOpen(), "adopting closes the received object, not the descriptor");
                    assertEquals(SocketType.SEQPACKET, adopted.type());
                    adopted.send(ByteBuffer.wrap(new byte[] {4, 2}));
                    assertEquals(2, passed.second().receive(ByteBuffer.allocate(8)));
                }
            }
        }
    }

    @Test
    void plainReceiveOfAMessageWithDescriptorsLeaksNothing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data");
        Files.writeString(file, "x");
        List<String> before = FfmTestSockets.openDescriptors();
        try (SocketPair pair = ffm.pair(SocketType.DGRAM)) {
            pair.first().send(ByteBuffer.wrap(new byte[] {1}), Ancillary.descriptors(OpenFile.of(file), OpenFile.of(file)));
            assertEquals(1, pair.second().receive(ByteBuffer.allocate(8)));
        }
        assertEquals(before, FfmTestSockets.openDescriptors());
    }
}
