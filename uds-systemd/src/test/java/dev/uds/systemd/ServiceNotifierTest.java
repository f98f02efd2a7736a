package dev.uds.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.ConnectionRefusedException;
import dev.uds.PeerCredentials;
import dev.uds.ReceivedMessage;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sd_notify} against a receiver that does what systemd's does: a DGRAM socket with
 * {@code SO_PASSCRED}, which reads each datagram's text and the sender's pid from
 * {@code SCM_CREDENTIALS}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServiceNotifierTest {
    @TempDir
    Path dir;

    /** systemd's side: one datagram per notification, with the sender's credentials. */
    private static UnixSocket receiver(UnixAddress at) throws IOException {
        UnixSocket receiver = UnixDomain.listen(SocketType.DGRAM, at, 0);
        receiver.setOption(UnixSocketOption.PASS_CREDENTIALS, true);
        receiver.setOption(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofSeconds(60));
        return receiver;
    }

    /** The text of the next datagram and the pid it came from. */
    private static String receive(UnixSocket receiver, long expectedPid) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        try (ReceivedMessage m = receiver.receiveMessage(buffer, 0)) {
            PeerCredentials sender = m.credentials().orElseThrow(() -> new AssertionError("no SCM_CREDENTIALS"));
            assertEquals(expectedPid, sender.pid().orElseThrow(), "the sender's pid, as systemd checks it");
            assertTrue(!m.truncated(), "one whole datagram");
            return new String(buffer.array(), 0, m.bytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void eachStateIsOneDatagramWithTheSendersPid() throws Exception {
        UnixAddress address = UnixAddress.of(dir.resolve("notify.sock"));
        long pid = ProcessHandle.current().pid();
        try (UnixSocket receiver = receiver(address)) {
            ServiceNotifier notifier = ServiceNotifier.to(address);
            notifier.ready();
            assertEquals("READY=1", receive(receiver, pid));
            notifier.status("serving 3 clients");
            assertEquals("STATUS=serving 3 clients", receive(receiver, pid));
            notifier.watchdog();
            assertEquals("WATCHDOG=1", receive(receiver, pid));
            notifier.stopping();
            assertEquals("STOPPING=1", receive(receiver, pid));
            notifier.notify("READY=1\nSTATUS=ready, Grüße");
            assertEquals("READY=1\nSTATUS=ready, Grüße", receive(receiver, pid));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ffm", "jnr"})
    void serviceProcessNotifiesAPathAndTheReceiverSeesItsPid(String backend) throws Exception {
        Path socket = dir.resolve("notify.sock");
        try (UnixSocket receiver = receiver(UnixAddress.of(socket))) {
            assertChildNotifies(receiver, socket.toString(), backend);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ffm", "jnr"})
    void serviceProcessNotifiesAnAbstractName(String backend) throws Exception {
        String name = "uds-systemd-notify-" + ProcessHandle.current().pid() + "-" + backend;
        try (UnixSocket receiver = receiver(UnixAddress.abstractName(name))) {
            assertChildNotifies(receiver, "@" + name, backend);
        }
    }

    private void assertChildNotifies(UnixSocket receiver, String notifySocket, String backend) throws Exception {
        List<String> probe = ProbeProcess.probe(backend, "notify", "READY=1", "STATUS=up", "STOPPING=1");
        try (ProbeProcess child = ProbeProcess.start(dir,
                List.of("/usr/bin/env", ServiceNotifier.VARIABLE + "=" + notifySocket), probe)) {
            assertEquals("READY=1", receive(receiver, child.pid()), child.output());
            assertEquals("STATUS=up", receive(receiver, child.pid()));
            assertEquals("STOPPING=1", receive(receiver, child.pid()));
            assertEquals(0, child.awaitExit(), child.output());
        }
    }

    @Test
    void nothingAtThePathIsConnectionRefusedNamingIt() {
        Path missing = dir.resolve("no-manager.sock");
        ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class,
                () -> ServiceNotifier.to(UnixAddress.of(missing)).ready());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void notifySocketThatIsNotAnAfUnixAddressIsAnErrorNamingIt() {
        for (String value : List.of("vsock:2:1234", "run/notify", "@", "")) {
            SystemdEnvironmentException e = assertThrows(SystemdEnvironmentException.class, () -> ServiceNotifier.of(value));
            assertTrue(e.getMessage().startsWith("NOTIFY_SOCKET=" + value + " is not an AF_UNIX address"), e.getMessage());
        }
        SystemdEnvironmentException tooLong = assertThrows(SystemdEnvironmentException.class,
                () -> ServiceNotifier.of("/" + "x".repeat(200)));
        assertTrue(tooLong.getMessage().startsWith("NOTIFY_SOCKET=/xxx"), tooLong.getMessage());
    }

    @Test
    void pathAndAbstractValuesAreRead() throws Exception {
        assertEquals(UnixAddress.of("/run/systemd/notify"), ServiceNotifier.of("/run/systemd/notify").address());
        assertEquals(UnixAddress.abstractName("org/freedesktop/systemd1/notify"),
                ServiceNotifier.of("@org/freedesktop/systemd1/notify").address());
    }

    @Test
    void statesThatAreNotAssignmentsAreRefusedBeforeSending() {
        ServiceNotifier notifier = ServiceNotifier.to(UnixAddress.of(dir.resolve("unused.sock")));
        assertThrows(IllegalArgumentException.class, () -> notifier.status("two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> notifier.notify(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> notifier.notify("READY"));
        assertTrue(e.getMessage().contains("\"READY\""), e.getMessage());
    }
}
