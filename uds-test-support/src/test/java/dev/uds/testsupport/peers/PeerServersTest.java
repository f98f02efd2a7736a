package dev.uds.testsupport.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The server fixtures, checked with the servers' own clients ({@code psql}, {@code curl},
 * {@code ssh-add}) before any uds code talks to them, and checked to leave neither a process
 * nor a file behind.
 */
class PeerServersTest {

    @Test
    void postgresLetsTheJvmsUserInAsTheMappedRoleOverItsUnixSocketOnly() throws Exception {
        Path directory;
        long pid;
        try (PostgresServer server = PostgresServer.start()) {
            directory = server.socketDirectory();
            pid = server.pid();
            Program psql = Program.find("psql", "postgresql-client", "/usr/lib/postgresql/*/bin");
            String row = output(psql, List.of("-X", "-A", "-t", "-h", directory.toString(), "-p",
                    Integer.toString(server.port()), "-U", PostgresServer.ROLE, "-d", PostgresServer.DATABASE, "-c",
                    "select client_port, client_addr is null from pg_stat_activity where pid = pg_backend_pid()"));
            assertEquals("-1|t", row.strip(), "a session over the Unix socket has client_port -1 and no address");
            assertTrue(server.log().contains("identity=\"" + server.osUser() + "\" method=peer"),
                    "the server authenticated the session as the kernel's peer: " + server.log());
            assertFalse(server.listensOnTcp());
        }
        assertProcessGone(pid);
        assertFalse(Files.exists(directory), directory + " is deleted");
    }

    @Test
    void postgresWithTcpAlsoAnswersOnTheLoopback() throws Exception {
        try (PostgresServer server = PostgresServer.startWithTcp()) {
            Program psql = Program.find("psql", "postgresql-client", "/usr/lib/postgresql/*/bin");
            String row = output(psql, List.of("-X", "-A", "-t", "-h", "127.0.0.1", "-p", Integer.toString(server.port()),
                    "-U", PostgresServer.ROLE, "-d", PostgresServer.DATABASE, "-c",
                    "select host(client_addr) from pg_stat_activity where pid = pg_backend_pid()"));
            assertEquals("127.0.0.1", row.strip());
        }
    }

    @Test
    void nginxServesItsRootOnItsUnixSocketAndLogsEachRequestsConnection() throws Exception {
        Path directory;
        try (NginxServer server = NginxServer.start()) {
            directory = server.socketPath().getParent();
            byte[] content = new byte[1 << 20];
            new Random(18).nextBytes(content);
            Files.write(server.root().resolve("file.bin"), content);
            Program curl = Program.find("curl", "curl");
            Path fetched = directory.resolve("fetched.bin");
            // Two requests on one connection: curl reuses it for the second URL.
            String codes = output(curl, List.of("-s", "--unix-socket", server.socketPath().toString(), "-o",
                    fetched.toString(), "-w", "%{http_code} ", "http://localhost/file.bin", "-o", "/dev/null",
                    "http://localhost/missing"));
            assertEquals("200 404", codes.strip());
            assertEquals(sha256(content), sha256(Files.readAllBytes(fetched)));
            List<String> log = server.accessLog();
            assertEquals(2, log.size(), "one access-log line per request: " + log);
            assertTrue(log.get(0).matches("(\\d+) 1 200 /file.bin " + content.length), log.get(0));
            String connection = log.get(0).split(" ")[0];
            assertEquals(connection + " 2 404 /missing", log.get(1).substring(0, log.get(1).lastIndexOf(' ')),
                    "the second request on the same connection: " + log);
        }
        assertFalse(Files.exists(directory), directory + " is deleted");
    }

    @Test
    void sshAgentListsTheKeyItWasGiven() throws Exception {
        Path socket;
        try (SshAgent agent = SshAgent.start()) {
            socket = agent.socketPath();
            SshAgent.Key key = agent.addNewKey("ed25519", "uds-fixture-key");
            assertTrue(key.publicKeyBlob().length > 32);
            String listed = agent.listWithSshAdd();
            assertTrue(listed.contains("uds-fixture-key (ED25519)"), listed);
        }
        assertFalse(Files.exists(socket.getParent()), socket.getParent() + " is deleted");
    }

    @Test
    void aMissingProgramIsAnErrorNamingItsPackage() {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Program.find("no-such-program-uds", "uds-imaginary-package", "/usr/lib/no-such-dir/*/bin"));
        assertTrue(e.getMessage().startsWith("no-such-program-uds not found in "), e.getMessage());
        assertTrue(e.getMessage().contains("install the Debian package uds-imaginary-package"), e.getMessage());
    }

    /** Runs a client to its end and returns what it printed. */
    private static String output(Program program, List<String> arguments) throws IOException, InterruptedException {
        Path log = Files.createTempFile("uds-client-", ".out");
        try {
            program.run(List.of(), arguments, Map.of(), log);
            return Files.readString(log, StandardCharsets.UTF_8);
        } finally {
            Files.delete(log);
        }
    }

    private static void assertProcessGone(long pid) {
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " has exited");
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
