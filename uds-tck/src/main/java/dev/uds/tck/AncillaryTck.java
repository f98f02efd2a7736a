package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Ancillary;
import dev.uds.Capability;
import dev.uds.OpenFile;
import dev.uds.PeerCredentials;
import dev.uds.ReceivedDescriptor;
import dev.uds.ReceivedMessage;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** Descriptors ({@code SCM_RIGHTS}) and credentials ({@code SCM_CREDENTIALS}) sent with messages. */
public abstract class AncillaryTck extends TckPart {

    /** Creates the part. */
    protected AncillaryTck() {
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.DESCRIPTOR_PASSING)
    void fileDescriptorArrivesAndReadsTheFile(SocketType type) throws IOException {
        Connection c = connect(type);
        Path file = Files.writeString(dir.resolve("passed.txt"), "contents");
        c.client().send(bytes("f"), Ancillary.descriptors(OpenFile.of(file)));
        try (ReceivedMessage m = c.server().receiveMessage(ByteBuffer.allocate(8), 4)) {
            assertEquals(1, m.bytes());
            assertFalse(m.descriptorsTruncated());
            assertEquals(1, m.descriptors().size());
            ByteBuffer read = ByteBuffer.allocate(64);
            m.descriptors().get(0).read(read);
            assertEquals("contents", new String(read.array(), 0, read.position(), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    @Requires(capabilities = Capability.DESCRIPTOR_PASSING)
    void passedSocketIsAdoptedAndUsed(SocketType type) throws IOException {
        Connection carrier = connect(type);
        Connection passed = connect(type);
        carrier.client().send(bytes("s"), Ancillary.descriptors(passed.client()));
        UnixSocket adopted;
        try (ReceivedMessage m = carrier.server().receiveMessage(ByteBuffer.allocate(8), 1)) {
            ReceivedDescriptor d = m.descriptors().get(0);
            assertTrue(d.isUnixSocket());
            adopted = closeLater(d.adoptAsSocket());
        }
        assertEquals(type, adopted.type());
        sendText(adopted, "via adopted");
        assertEquals("via", type.keepsMessageBoundaries()
                ? receiveText(passed.server(), 64).substring(0, 3) : receiveFully(passed.server(), 3));
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.DESCRIPTOR_PASSING)
    void descriptorsBeyondTheAllowanceAreClosedAndReported(SocketType type) throws IOException {
        Connection c = connect(type);
        Path file = Files.writeString(dir.resolve("many.txt"), "x");
        List<String> before = OpenDescriptors.list();
        OpenFile f = OpenFile.of(file);
        c.client().send(bytes("m"), Ancillary.descriptors(f, f, f));
        try (ReceivedMessage m = c.server().receiveMessage(ByteBuffer.allocate(8), 1)) {
            assertTrue(m.descriptorsTruncated(), "MSG_CTRUNC reported");
            assertTrue(m.descriptors().size() <= 1);
        }
        OpenDescriptors.assertNoneLeaked(before, "a receive with too small an allowance");
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.DESCRIPTOR_PASSING)
    void tooManyDescriptorsAreRefusedBeforeTheCall(SocketType type) {
        OpenFile[] files = new OpenFile[Ancillary.MAX_DESCRIPTORS + 1];
        java.util.Arrays.fill(files, OpenFile.of(dir));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ancillary.descriptors(files));
        assertTrue(e.getMessage().contains("253"), e.getMessage());
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.CREDENTIAL_PASSING)
    void eachMessageCarriesItsSendersCredentials(SocketType type) throws IOException {
        Connection c = connect(type);
        c.server().setOption(UnixSocketOption.PASS_CREDENTIALS, true);
        assertTrue(c.server().getOption(UnixSocketOption.PASS_CREDENTIALS));
        sendText(c.client(), "who");
        try (ReceivedMessage m = c.server().receiveMessage(ByteBuffer.allocate(8), 0)) {
            PeerCredentials sender = m.credentials().orElseThrow();
            assertEquals(PeerCredentials.of(Ids.pid(), Ids.uid(), Ids.gid()), sender);
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.CREDENTIAL_PASSING)
    void statedOwnCredentialsAreAccepted(SocketType type) throws IOException {
        Connection c = connect(type);
        c.server().setOption(UnixSocketOption.PASS_CREDENTIALS, true);
        PeerCredentials own = PeerCredentials.of(Ids.pid(), Ids.uid(), Ids.gid());
        c.client().send(bytes("me"), Ancillary.credentials(own));
        try (ReceivedMessage m = c.server().receiveMessage(ByteBuffer.allocate(8), 0)) {
            assertEquals(own, m.credentials().orElseThrow());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.DESCRIPTOR_PASSING)
    void writableFileDescriptorWritesTheFile(SocketType type) throws IOException {
        Connection c = connect(type);
        Path file = Files.createFile(dir.resolve("written.txt"));
        c.client().send(bytes("w"), Ancillary.descriptors(OpenFile.of(file, StandardOpenOption.WRITE)));
        try (ReceivedMessage m = c.server().receiveMessage(ByteBuffer.allocate(8), 1)) {
            m.descriptors().get(0).write(bytes("written"));
        }
        assertEquals("written", Files.readString(file));
    }

    /**
     * A message sent while neither end had SO_PASSCRED on carries no credentials; received after
     * the receiver turned it on, the kernel reports pid 0 and the overflow ids for it.
     */
    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.CREDENTIAL_PASSING)
    void messageSentBeforePassCredentialsComesWithoutPid(SocketType type) throws IOException {
        Connection c = connect(type);
        sendText(c.client(), "early");
        c.server().setOption(UnixSocketOption.PASS_CREDENTIALS, true);
        try (ReceivedMessage m = c.server().receiveMessage(ByteBuffer.allocate(8), 0)) {
            assertEquals(5, m.bytes());
            assertUnknownSender(m.credentials().orElseThrow());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = {Capability.CREDENTIAL_PASSING, Capability.DESCRIPTOR_PASSING})
    void descriptorSentBeforePassCredentialsArrivesWithCredentialsWithoutPid(SocketType type) throws IOException {
        Connection c = connect(type);
        Path file = Files.writeString(dir.resolve("early.txt"), "early");
        c.client().send(bytes("e"), Ancillary.descriptors(OpenFile.of(file)));
        c.server().setOption(UnixSocketOption.PASS_CREDENTIALS, true);
        List<String> before = OpenDescriptors.list();
        try (ReceivedMessage m = c.server().receiveMessage(ByteBuffer.allocate(8), 1)) {
            assertEquals(1, m.descriptors().size(), "the descriptor arrived");
            assertUnknownSender(m.credentials().orElseThrow());
        }
        OpenDescriptors.assertNoneLeaked(before, "a receive of a descriptor with pid-0 credentials");
    }

    private static void assertUnknownSender(PeerCredentials credentials) throws IOException {
        int overflowId = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/kernel/overflowuid")).get(0).trim());
        int overflowGroup = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/kernel/overflowgid")).get(0).trim());
        assertEquals(OptionalInt.empty(), credentials.pid(), "pid 0 is no pid: " + credentials);
        assertEquals(overflowId, credentials.uid(), "the kernel's overflow uid: " + credentials);
        assertEquals(overflowGroup, credentials.gid(), "the kernel's overflow gid: " + credentials);
    }

    /** A write larger than a pipe's buffer takes many write(2) calls; all of it is written. */
    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.DESCRIPTOR_PASSING)
    void receivedDescriptorWritesEverythingItIsGiven(SocketType type) throws Exception {
        Connection c = connect(type);
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo " + fifo);
        // O_RDWR: opening a FIFO so does not wait for a reader.
        c.client().send(bytes("p"), Ancillary.descriptors(OpenFile.of(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)));
        byte[] data = new byte[4 << 20];
        new Random(14).nextBytes(data);
        byte[] drained = new byte[data.length];
        try (ReceivedMessage m = c.server().receiveMessage(ByteBuffer.allocate(8), 1);
             FileChannel reader = FileChannel.open(fifo, StandardOpenOption.READ)) {
            CallOnThread draining = CallOnThread.start(ThreadKind.ofCurrentThread(), () -> {
                ByteBuffer into = ByteBuffer.wrap(drained);
                while (into.hasRemaining() && reader.read(into) > 0) {
                    // a pipe gives what is in it; read on until all came
                }
            });
            ByteBuffer src = ByteBuffer.wrap(data);
            assertEquals(data.length, m.descriptors().get(0).write(src), "bytes written in one call");
            assertEquals(0, src.remaining(), "the buffer was written to its end");
            assertEquals(null, draining.outcome("draining the pipe"));
        }
        assertArrayEquals(data, drained);
    }
}
