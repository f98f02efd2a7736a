package dev.uds.sum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.sum.SumServer;
import dev.uds.sum.SumServerConfig;
import dev.uds.sum.Transport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The uds-sum command in this JVM: what it prints where, and its exit codes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SumCliTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new SumCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] client(Transport transport, Path socket, String... arguments) {
        List<String> args = new ArrayList<>(List.of("client", "--socket", socket.toString(),
                "--backend", transport.backend(), "--type", transport.type().name().toLowerCase()));
        args.addAll(List.of(arguments));
        return args.toArray(String[]::new);
    }

    private SumServer start(Transport transport) throws Exception {
        transport.assumePresent();
        return SumServer.start(SumServerConfig.defaults().withSocket(dir.resolve("sum.socket"))
                .withType(transport.type()).withBackend(transport.backend()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void clientPrintsOnlyTheResultLineOnStandardOutput(Transport transport) throws Exception {
        try (SumServer server = start(transport)) {
            Run run = run(client(transport, server.socket(), "11", "-5"));
            assertEquals(new Run(0, "Result = 6\n", ""), run);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void clientDownPrintsResultZeroEveryTime(Transport transport) throws Exception {
        for (int round = 0; round < 10; round++) {
            SumServer server = start(transport);
            Run run = run(client(transport, server.socket(), "DOWN"));
            assertEquals(new Run(0, "Result = 0\n", ""), run, "round " + round);
            assertTrue(server.awaitStop(Duration.ofSeconds(10)));
            assertTrue(Files.notExists(server.socket(), LinkOption.NOFOLLOW_LINKS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void errorReplyIsReportedInPlainWordsWithExitThree(Transport transport) throws Exception {
        try (SumServer server = start(transport)) {
            Run run = run(client(transport, server.socket(), "3", "four"));
            assertEquals(3, run.exit());
            assertEquals("", run.out());
            assertTrue(run.err().contains("ERR NOTINT") && run.err().contains("not an integer"), run.err());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void clientWithNoServerSaysTheServerIsDownAndExitsOne(Transport transport) {
        transport.assumePresent();
        Run run = run(client(transport, dir.resolve("nobody.socket"), "3", "4"));
        assertEquals(new Run(1, "", "The server is down.\n"), run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#all")
    void serverOverALiveServerExitsOneAndLeavesItServing(Transport transport) throws Exception {
        try (SumServer server = start(transport)) {
            Run run = run("server", "--socket", server.socket().toString(), "--backend", transport.backend(),
                    "--type", transport.type().name());
            assertEquals(1, run.exit());
            assertTrue(run.err().contains("already running at " + server.socket()), run.err());
            assertEquals(new Run(0, "Result = 7\n", ""), run(client(transport, server.socket(), "3", "4")));
        }
    }

    @Test
    void tooLongSocketPathIsAClearErrorWithExitOne() {
        Run run = run("client", "--socket", "/tmp/" + "x".repeat(120), "1");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("107"), run.err());
    }

    @Test
    void unknownBackendListsTheInstalledOnesWithExitTwo() {
        Run run = run("client", "--socket", dir.resolve("s").toString(), "--backend", "nosuch", "1");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("nosuch"), run.err());
    }

    @Test
    void wrongCommandLineExitsTwoWithTheUsage() {
        Run run = run("server", "--max-clients", "none");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--max-clients") && run.err().contains("usage:"), run.err());
    }

    @Test
    void helpGoesToStandardOutputWithExitZero() {
        Run run = run("--help");
        assertEquals(0, run.exit());
        assertTrue(run.out().startsWith("usage: uds-sum"), run.out());
    }
}
