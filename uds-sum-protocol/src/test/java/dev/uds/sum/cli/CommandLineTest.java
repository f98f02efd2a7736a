package dev.uds.sum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.SocketType;
import dev.uds.UnixDomain;
import dev.uds.sum.SumProtocol;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void clientDefaultsAreTheExamplesPathAndSeqpacket() throws UsageException {
        CommandLine line = CommandLine.parse("client", "3", "4");
        assertEquals("client", line.command());
        assertEquals(SumProtocol.DEFAULT_SOCKET, line.server().socket());
        assertEquals(SocketType.SEQPACKET, line.server().type());
        assertEquals(List.of("3", "4"), line.arguments());
    }

    @Test
    void negativeNumberIsAnArgumentNotAnOption() throws UsageException {
        assertEquals(List.of("11", "-5"), CommandLine.parse("client", "11", "-5").arguments());
    }

    @Test
    void doubleDashEndsOptions() throws UsageException {
        assertEquals(List.of("--socket"), CommandLine.parse("client", "--", "--socket").arguments());
    }

    @Test
    void serverOptionsAreParsedWithSpaceOrEquals() throws UsageException {
        CommandLine line = CommandLine.parse("server", "--socket", "/tmp/x.sock", "--type=stream",
                "--backend", "jdk", "--mode", "0660", "--max-clients=3", "--idle-timeout", "500ms",
                "--shutdown-grace", "2", "--backlog", "10");
        assertEquals(Path.of("/tmp/x.sock"), line.server().socket());
        assertEquals(SocketType.STREAM, line.server().type());
        assertEquals("jdk", line.server().backend());
        assertEquals(PosixFilePermissions.fromString("rw-rw----"), line.server().mode());
        assertEquals(3, line.server().maxClients());
        assertEquals(10, line.server().backlog());
        assertEquals(Duration.ofMillis(500), line.server().idleTimeout());
        assertEquals(Duration.ofSeconds(2), line.server().shutdownGrace());
    }

    @Test
    void serverDefaultsToOwnerOnlyMode() throws UsageException {
        assertEquals(PosixFilePermissions.fromString("rw-------"), CommandLine.parse("server").server().mode());
    }

    @Test
    void serverDefaultsToTheKernelsLargestBacklog() throws UsageException {
        assertEquals(UnixDomain.maxBacklog(), CommandLine.parse("server").server().backlog());
    }

    @Test
    void durationsTakeUnits() throws UsageException {
        assertEquals(Duration.ofMinutes(2), CommandLine.duration("--idle-timeout", "2m"));
        assertEquals(Duration.ofHours(1), CommandLine.duration("--idle-timeout", "1h"));
        assertEquals(Duration.ZERO, CommandLine.duration("--idle-timeout", "0"));
    }

    @Test
    void wrongCommandLinesSayWhatIsWrong() {
        assertMessage("say server or client");
        assertMessage("unknown command", "serve");
        assertMessage("--type is seqpacket or stream", "server", "--type", "dgram");
        assertMessage("--mode is octal", "server", "--mode", "rw");
        assertMessage("0000 to 0777", "server", "--mode", "4755");
        assertMessage("at least 1", "server", "--max-clients", "0");
        assertMessage("--backlog is a whole number of at least 1", "server", "--backlog", "0");
        assertMessage("duration", "server", "--idle-timeout", "soon");
        assertMessage("unknown option for the client: --mode", "client", "--mode", "600", "1");
        assertMessage("takes no arguments", "server", "1");
        assertMessage("--socket needs a value", "client", "--socket");
    }

    @Test
    void helpIsRecognisedAnywhere() throws UsageException {
        assertEquals("help", CommandLine.parse("--help").command());
        assertEquals("help", CommandLine.parse("client", "--help").command());
        assertTrue(CommandLine.usage().contains("Exit codes"));
    }

    private static void assertMessage(String expected, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> CommandLine.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
