package dev.uds.sum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.sum.SumClient;
import dev.uds.sum.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The server as its own process, stopped by signals as a user or a service manager would. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerProcessTest {
    @TempDir
    Path dir;

    static List<Transport> transports() {
        return Transport.all().toList();
    }

    private Process startServer(Transport transport, Path socket) throws IOException, InterruptedException {
        transport.assumePresent();
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SumCli.class.getName(), "server",
                "--socket", socket.toString(), "--backend", transport.backend(),
                "--type", transport.type().name().toLowerCase()));
        Process process = new ProcessBuilder(command).redirectError(dir.resolve("server.log").toFile())
                .redirectOutput(dir.resolve("server.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            assertTrue(process.isAlive(), "the server exited: " + Files.readString(dir.resolve("server.log")));
            assertTrue(System.nanoTime() < deadline, "the server did not create " + socket);
            Thread.sleep(20);
        }
        return process;
    }

    private void assertStopsCleanly(Process process, Path socket) throws Exception {
        try {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server did not stop");
            String log = Files.readString(dir.resolve("server.log"));
            assertEquals(0, process.exitValue(), log);
            assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "the socket file is removed");
            assertEquals("", Files.readString(dir.resolve("server.out")), "the server prints nothing on standard output");
        } finally {
            process.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void sigtermStopsTheServerWithExitZeroAndRemovesItsSocketFile(Transport transport) throws Exception {
        Path socket = dir.resolve("sum.socket");
        Process process = startServer(transport, socket);
        SumClient client = SumClient.of(socket).withType(transport.type()).withBackend(transport.backend());
        assertEquals(7, client.send(List.of("3", "4")).sum());
        process.destroy();
        assertStopsCleanly(process, socket);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void sigintStopsTheServerWithExitZeroAndRemovesItsSocketFile(Transport transport) throws Exception {
        Path socket = dir.resolve("sum.socket");
        Process process = startServer(transport, socket);
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue());
        assertStopsCleanly(process, socket);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void downStopsTheServerProcessWithExitZero(Transport transport) throws Exception {
        Path socket = dir.resolve("sum.socket");
        Process process = startServer(transport, socket);
        SumClient client = SumClient.of(socket).withType(transport.type()).withBackend(transport.backend());
        assertEquals(0, client.send(List.of("DOWN")).sum());
        assertStopsCleanly(process, socket);
    }
}
