package dev.uds.net.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Capability;
import dev.uds.UnixDomain;
import dev.uds.testsupport.peers.PostgresServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * pgjdbc, through {@code socketFactory=dev.uds.net.UnixSocketFactory}, against a real PostgreSQL
 * listening on a Unix socket only, on each backend that has receive timeouts (see
 * {@link PeerBackends}): a batch of 10,000 rows, 10 MiB through {@code COPY} both ways, the
 * server's own record that the session came over a Unix socket, and peer authentication by the
 * kernel's credentials. On every backend: pgjdbc's defaults work where the backend has receive
 * timeouts, and fail with the reason named where it has none.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PgjdbcTest {
    private static final int ROWS = 10_000;
    /** 163,840 lines of 64 bytes: 10 MiB of COPY text. */
    private static final int COPY_LINES = 163_840;

    private static PostgresServer server;

    @BeforeAll
    static void startPostgres() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.uds.net.peers.PeerBackends#withReceiveTimeouts")
    void theSessionCameOverAUnixSocket(String backend) throws SQLException {
        try (Connection connection = Postgres.connect(server, backend, PostgresServer.ROLE);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT client_addr, client_port, application_name, usename"
                        + " FROM pg_stat_activity WHERE pid = pg_backend_pid()")) {
            assertTrue(row.next());
            // PostgreSQL's documentation: client_addr is null and client_port -1 for a Unix socket.
            assertNull(row.getString("client_addr"), "client_addr of a Unix-socket session");
            assertEquals(-1, row.getInt("client_port"), "client_port of a Unix-socket session");
            assertEquals("uds-" + backend, row.getString("application_name"));
            assertEquals(PostgresServer.ROLE, row.getString("usename"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.uds.net.peers.PeerBackends#withReceiveTimeouts")
    void aBatchOfTenThousandRowsIsInsertedAndReadBack(String backend) throws SQLException {
        String table = "batch_" + backend;
        try (Connection connection = Postgres.connect(server, backend, PostgresServer.ROLE);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, label text NOT NULL)");
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                for (int id = 1; id <= ROWS; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "row " + id + " on " + backend);
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                assertEquals(ROWS, counts.length);
            }
            connection.commit();
            try (ResultSet sums = statement.executeQuery("SELECT count(*), sum(id), sum(length(label)) FROM " + table)) {
                assertTrue(sums.next());
                assertEquals(ROWS, sums.getLong(1));
                assertEquals((long) ROWS * (ROWS + 1) / 2, sums.getLong(2));
                long labelBytes = 0;
                for (int id = 1; id <= ROWS; id++) {
                    labelBytes += ("row " + id + " on " + backend).length();
                }
                assertEquals(labelBytes, sums.getLong(3));
            }
            try (ResultSet last = statement.executeQuery("SELECT label FROM " + table + " WHERE id = " + ROWS)) {
                assertTrue(last.next());
                assertEquals("row " + ROWS + " on " + backend, last.getString(1));
            }
            statement.execute("DROP TABLE " + table);
            connection.commit();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.uds.net.peers.PeerBackends#withReceiveTimeouts")
    void tenMebibytesGoInAndComeBackOutByCopy(String backend) throws Exception {
        String table = "copy_" + backend;
        byte[] sent = copyText(backend);
        assertEquals(10 << 20, sent.length);
        try (Connection connection = Postgres.connect(server, backend, PostgresServer.ROLE);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (n int GENERATED ALWAYS AS IDENTITY, line text NOT NULL)");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long copiedIn = copy.copyIn("COPY " + table + " (line) FROM STDIN", new ByteArrayInputStream(sent));
            assertEquals(COPY_LINES, copiedIn);
            ByteArrayOutputStream received = new ByteArrayOutputStream(sent.length);
            long copiedOut = copy.copyOut("COPY (SELECT line FROM " + table + " ORDER BY n) TO STDOUT", received);
            assertEquals(COPY_LINES, copiedOut);
            assertArrayEquals(sent, received.toByteArray(), "the 10 MiB that came back out are those that went in");
            statement.execute("DROP TABLE " + table);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.uds.net.peers.PeerBackends#withReceiveTimeouts")
    void peerAuthenticationLetsInOnlyTheRoleTheKernelsCredentialsMapTo(String backend) throws SQLException {
        String stranger = "stranger_" + backend;
        try (Connection connection = Postgres.connect(server, backend, PostgresServer.ROLE);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + stranger + " LOGIN");
        }
        // The server asked the kernel who is at the other end of the socket (SO_PEERCRED) and found
        // this JVM's user, which pg_ident.conf maps to the role uds and to no other.
        String authenticated = "identity=\"" + server.osUser() + "\" method=peer";
        assertTrue(server.log().contains(authenticated), "the server's log has " + authenticated + ": " + server.log());
        SQLException refused = assertThrows(SQLException.class, () -> Postgres.connect(server, backend, stranger).close());
        assertTrue(refused.getMessage().contains("Peer authentication failed for user \"" + stranger + "\""),
                refused.getMessage());
    }

    @ParameterizedTest
    @MethodSource("dev.uds.net.peers.PeerBackends#all")
    void pgjdbcsDefaultsNeedAReceiveTimeoutAndSayWhereTheBackendHasNone(String backend) throws SQLException {
        // sslmode=prefer, pgjdbc's default: it waits for the server's answer to its TLS request
        // with a read timeout.
        Properties defaults = new Properties();
        defaults.setProperty("user", PostgresServer.ROLE);
        if (UnixDomain.backend(backend).supports(Capability.RECEIVE_TIMEOUT)) {
            try (Connection connection = DriverManager.getConnection(Postgres.url(server, backend), defaults)) {
                assertTrue(connection.isValid(10));
            }
        } else {
            SQLException refused = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(Postgres.url(server, backend), defaults).close());
            Throwable cause = refused;
            while (cause.getCause() != null && !(cause instanceof SocketException)) {
                cause = cause.getCause();
            }
            assertTrue(cause instanceof SocketException && cause.getMessage().contains("setSoTimeout(")
                    && cause.getMessage().contains("backend " + backend)
                    && cause.getMessage().contains("receive timeout"), "the reason pgjdbc could not connect: " + cause);
        }
    }

    /** Lines of 63 letters and digits and a newline, different for each backend, that COPY keeps as they are. */
    private static byte[] copyText(String backend) {
        StringBuilder text = new StringBuilder(COPY_LINES * 64);
        for (int line = 0; line < COPY_LINES; line++) {
            String head = backend + " line " + line + " ";
            text.append(head);
            for (int i = head.length(); i < 63; i++) {
                text.append((char) ('a' + (line * 31 + i) % 26));
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
