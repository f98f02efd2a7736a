package dev.uds.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.ConnectionRefusedException;
import dev.uds.SocketType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Peers written in other languages: Python's socket module, and C programs of our own. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ForeignPeersTest {
    @TempDir
    Path dir;

    static List<Transport> seqpacketTransports() {
        return Transport.seqpacket().toList();
    }

    private static List<String> command(Path program, Transport transport, String streamFlag, Path socket,
                                        String... arguments) {
        List<String> command = new ArrayList<>(List.of(program.toString()));
        if (transport.type() == SocketType.STREAM) {
            command.add(streamFlag);
        }
        command.add(socket.toString());
        command.addAll(List.of(arguments));
        return command;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void pythonClientGetsSumsAndErrorRepliesFromOurServer(Transport transport) throws Exception {
        transport.assumePresent();
        Path python = ExternalProgram.require("python3", "the Python client");
        try (RunningServer server = RunningServer.start(transport, dir)) {
            List<String> base = List.of(python.toString(), ExternalProgram.pythonClient().toString());
            assertEquals("Result = 7\n", runPython(base, transport, server.socket, "3", "4").stdout());
            assertEquals("Result = 6\n", runPython(base, transport, server.socket, "11", "-5").stdout());
            assertEquals("Result = ERR NOTINT\n", runPython(base, transport, server.socket, "1", "x").stdout());
            assertEquals("Result = 0\n", runPython(base, transport, server.socket, "DOWN").stdout());
            assertTrue(server.server.awaitStop(Duration.ofSeconds(10)));
        }
    }

    private static ExternalProgram.Outcome runPython(List<String> base, Transport transport, Path socket,
                                                     String... arguments) throws Exception {
        List<String> command = new ArrayList<>(base);
        if (transport.type() == SocketType.STREAM) {
            command.add("--stream");
        }
        command.add(socket.toString());
        command.addAll(List.of(arguments));
        ExternalProgram.Outcome outcome = ExternalProgram.run(command);
        assertEquals(0, outcome.exit(), outcome.stderr());
        return outcome;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void cClientGetsSumsAndErrorRepliesFromOurServer(Transport transport) throws Exception {
        transport.assumePresent();
        Path client = ExternalProgram.compileC("sum-client", dir);
        try (RunningServer server = RunningServer.start(transport, dir)) {
            assertEquals("Result = 7\n", runC(client, transport, server.socket, "3", "4"));
            assertEquals("Result = 6\n", runC(client, transport, server.socket, "11", "-5"));
            assertEquals("Result = ERR TOOLONG\n", runC(client, transport, server.socket, "123456789012"));
            assertEquals("Result = ERR RANGE\n", runC(client, transport, server.socket, "2147483647", "1"));
            assertEquals("Result = 0\n", runC(client, transport, server.socket, "DOWN"));
            assertTrue(server.server.awaitStop(Duration.ofSeconds(10)));
            assertFalse(Files.exists(server.socket, LinkOption.NOFOLLOW_LINKS));
        }
    }

    private static String runC(Path client, Transport transport, Path socket, String... arguments) throws Exception {
        ExternalProgram.Outcome outcome = ExternalProgram.run(command(client, transport, "-s", socket, arguments));
        assertEquals(0, outcome.exit(), outcome.stderr());
        return outcome.stdout();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seqpacketTransports")
    void javaClientGetsResultZeroFromTheExampleStyleServerAtDownEveryTime(Transport transport) throws Exception {
        transport.assumePresent();
        Path cServer = ExternalProgram.compileC("sum-server", dir);
        for (int round = 0; round < 10; round++) {
            Path socket = dir.resolve("c" + round + ".socket");
            Process process = ExternalProgram.start(List.of(cServer.toString(), socket.toString()));
            try {
                ExternalProgram.awaitFile(socket, process);
                SumClient client = SumClient.of(socket).withBackend(transport.backend());
                assertEquals(7, firstSum(client, process, List.of("3", "4")));
                assertEquals(6, client.send(List.of("11", "-5")).sum());
                assertEquals(0, client.send(List.of("DOWN")).sum(), "round " + round);
                assertTrue(process.waitFor(10, TimeUnit.SECONDS));
                assertEquals(0, process.exitValue());
            } finally {
                process.destroyForcibly();
            }
        }
    }

    /**
     * The first session with a server that has just created its socket file: the file appears at
     * bind(2), and a connect before its listen(2) is refused, so a refusal is tried again while the
     * server runs.
     */
    private static long firstSum(SumClient client, Process server, List<String> numbers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return client.send(numbers).sum();
            } catch (ConnectionRefusedException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void downFromAnotherUserIsRefusedAndTheServerServesOn(Transport transport) throws Exception {
        transport.assumePresent();
        Path setpriv = ExternalProgram.require("setpriv", "running a client as another user");
        boolean root = "0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid")));
        if (!root) {
            System.err.println("SKIPPED: running a client as another user needs root; this test runs as uid "
                    + Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(root, "running a client as another user needs root");
        Path client = ExternalProgram.compileC("sum-client", dir);
        // The other user must reach the socket: a searchable directory and a socket file it may write.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (RunningServer server = RunningServer.start(transport, dir,
                c -> c.withMode(PosixFilePermissions.fromString("rw-rw-rw-")))) {
            List<String> asNobody = new ArrayList<>(List.of(setpriv.toString(), "--reuid=65534", "--regid=65534",
                    "--clear-groups"));
            asNobody.addAll(command(client, transport, "-s", server.socket, "DOWN"));
            ExternalProgram.Outcome refused = ExternalProgram.run(asNobody);
            assertEquals("Result = ERR DENIED\n", refused.stdout(), refused.stderr());
            assertFalse(server.server.isStopping());
            assertEquals(7, server.client().send(List.of("3", "4")).sum());
        }
    }
}
