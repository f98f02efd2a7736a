package dev.uds.sum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.PeerCredentials;
import dev.uds.ReceivedMessage;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import dev.uds.sum.SumClient;
import dev.uds.sum.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server started by systemd's {@code systemd-socket-activate}, as a socket unit would start
 * it: the tool binds and listens (SEQPACKET with {@code --seqpacket}, else STREAM), waits for the
 * first client, and execs the server with {@code LISTEN_FDS} and the {@code NOTIFY_SOCKET} it is
 * given. The server needs no option for it: it serves the socket it inherited, reports
 * {@code READY=1} and {@code STOPPING=1} to a receiver that checks the sender's pid as systemd
 * does, and leaves the socket file to the tool. Needs Debian's {@code systemd} package
 * ({@code .ci/run} installs it).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SocketActivatedServerTest {
    private static final long O_CLOEXEC = 02000000;

    @TempDir
    Path dir;

    /** The backends that adopt descriptors, with each connection type. */
    static Stream<Transport> adopting() {
        return Transport.all().filter(t -> !"jdk".equals(t.backend()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adopting")
    void manPageSessionRunsAgainstTheInheritedSocket(Transport transport) throws Exception {
        Path socket = dir.resolve("sum.socket");
        Path unused = dir.resolve("own.socket");
        try (UnixSocket manager = notifyReceiver(); Activated server = activate(transport, socket, unused)) {
            SumClient client = SumClient.of(socket).withType(transport.type()).withBackend(transport.backend());
            assertEquals(7, client.send(List.of("3", "4")).sum(), server.log()); // this client starts the server
            assertEquals("READY=1", notification(manager, server.pid()));
            assertTrue(closeOnExec(server.pid(), 3), "the adopted socket is close-on-exec in the server");
            assertEquals(6, client.send(List.of("11", "-5")).sum());
            assertEquals(0, client.send(List.of("DOWN")).sum());
            assertEquals("STOPPING=1", notification(manager, server.pid()));
            assertEquals(0, server.awaitExit(), server.log());
            assertTrue(server.log().contains("serving " + transport.type() + " at " + socket + " (inherited"),
                    server.log());
            assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "the socket file is left to its maker");
            assertFalse(Files.exists(unused, LinkOption.NOFOLLOW_LINKS), "no socket of its own: " + server.log());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adopting")
    void sigtermReportsStoppingAndExitsWithZero(Transport transport) throws Exception {
        Path socket = dir.resolve("sum.socket");
        try (UnixSocket manager = notifyReceiver(); Activated server = activate(transport, socket, dir.resolve("own.socket"))) {
            SumClient client = SumClient.of(socket).withType(transport.type()).withBackend(transport.backend());
            assertEquals(2, client.send(List.of("1", "1")).sum(), server.log());
            assertEquals("READY=1", notification(manager, server.pid()));
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(server.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertEquals("STOPPING=1", notification(manager, server.pid()));
            assertEquals(0, server.awaitExit(), server.log());
            assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "the socket file is left to its maker");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void socketOfAnotherTypeIsRefusedNamingIt(Transport transport) throws Exception {
        transport.assumePresent();
        // A STREAM listener where the server is told SEQPACKET, or the reverse.
        SocketType other = transport.type() == SocketType.STREAM ? SocketType.SEQPACKET : SocketType.STREAM;
        Path socket = dir.resolve("sum.socket");
        try (UnixSocket manager = notifyReceiver();
             Activated server = activate(new Transport(transport.backend(), other), socket, dir.resolve("own.socket"),
                     transport.type())) {
            try (UnixSocket client = UnixDomain.connect(other, UnixAddress.of(socket))) {
                int exit = server.awaitExit();
                if ("jdk".equals(transport.backend())) {
                    assertEquals(ExitCode.USAGE.status(), exit, server.log());
                    assertTrue(server.log().contains("adopting an inherited descriptor"), server.log());
                } else {
                    assertEquals(ExitCode.FAILURE.status(), exit, server.log());
                    assertTrue(server.log().contains("uds-sum server: cannot serve the inherited socket fd 3 (unknown): "
                            + "adopt fd 3: EPROTOTYPE (Protocol wrong type for socket); fd 3 is a " + other
                            + " socket, not " + transport.type()), server.log());
                }
            }
        }
    }

    private UnixSocket notifyReceiver() throws IOException {
        UnixSocket receiver = UnixDomain.listen(SocketType.DGRAM, UnixAddress.of(dir.resolve("notify")), 0);
        receiver.setOption(UnixSocketOption.PASS_CREDENTIALS, true);
        receiver.setOption(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofSeconds(60));
        return receiver;
    }

    /** The next notification's text; its sender must be the server, as systemd's NotifyAccess=main checks. */
    private static String notification(UnixSocket receiver, long pid) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        try (ReceivedMessage m = receiver.receiveMessage(buffer, 0)) {
            PeerCredentials sender = m.credentials().orElseThrow(() -> new AssertionError("no SCM_CREDENTIALS"));
            assertEquals(pid, sender.pid().orElseThrow(), "the sender is the server");
            return new String(buffer.array(), 0, m.bytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean closeOnExec(long pid, int fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "fdinfo", Integer.toString(fd)))) {
            if (line.startsWith("flags:")) {
                return (Long.parseLong(line.substring("flags:".length()).trim(), 8) & O_CLOEXEC) != 0;
            }
        }
        throw new AssertionError("no flags for fd " + fd + " of " + pid);
    }

    private Activated activate(Transport transport, Path socket, Path ownSocket) throws Exception {
        return activate(transport, socket, ownSocket, transport.type());
    }

    /**
     * Starts {@code systemd-socket-activate} listening at {@code socket} with the transport's
     * type, to run the server with {@code --type serverType}, and waits until it listens.
     */
    private Activated activate(Transport listening, Path socket, Path ownSocket, SocketType serverType)
            throws Exception {
        listening.assumePresent();
        String tool = systemdSocketActivate();
        List<String> command = new ArrayList<>(List.of(tool, "-l", socket.toString(),
                "-E", "NOTIFY_SOCKET=" + dir.resolve("notify")));
        if (listening.type() == SocketType.SEQPACKET) {
            command.add("--seqpacket");
        }
        command.addAll(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                SumCli.class.getName(), "server", "--socket", ownSocket.toString(),
                "--backend", listening.backend(), "--type", serverType.name().toLowerCase()));
        Path log = dir.resolve("server.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Activated activated = new Activated(process, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            assertTrue(process.isAlive() && System.nanoTime() < deadline, "not listening: " + activated.log());
            Thread.sleep(20);
        }
        return activated;
    }

    /** This machine has it (.ci/run installs Debian's systemd package): its absence is a failure, not a skip. */
    private static String systemdSocketActivate() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "systemd-socket-activate");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("systemd-socket-activate is not on the PATH: apt-get install systemd");
    }

    /** systemd-socket-activate, then (the same process, after exec) the server. */
    private record Activated(Process process, Path logFile) implements AutoCloseable {
        long pid() {
            return process.pid();
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        int awaitExit() throws IOException, InterruptedException {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the server did not end: " + log());
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
