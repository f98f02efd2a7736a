package dev.uds.sum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.uds.sum.ServerProcess;
import dev.uds.sum.Transport;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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

    private static void assertStopsCleanly(ServerProcess server) throws Exception {
        assertEquals(0, server.awaitExit(), server.log());
        assertFalse(Files.exists(server.socket(), LinkOption.NOFOLLOW_LINKS), "the socket file is removed");
        assertEquals("", server.stdout(), "the server prints nothing on standard output");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void sigtermStopsTheServerWithExitZeroAndRemovesItsSocketFile(Transport transport) throws Exception {
        try (ServerProcess server = ServerProcess.start(transport, dir)) {
            assertEquals(7, server.client().send(List.of("3", "4")).sum());
            server.signal("TERM");
            assertStopsCleanly(server);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void sigintStopsTheServerWithExitZeroAndRemovesItsSocketFile(Transport transport) throws Exception {
        try (ServerProcess server = ServerProcess.start(transport, dir)) {
            server.signal("INT");
            assertStopsCleanly(server);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void downStopsTheServerProcessWithExitZero(Transport transport) throws Exception {
        try (ServerProcess server = ServerProcess.start(transport, dir)) {
            assertEquals(0, server.client().send(List.of("DOWN")).sum());
            assertStopsCleanly(server);
        }
    }
}
