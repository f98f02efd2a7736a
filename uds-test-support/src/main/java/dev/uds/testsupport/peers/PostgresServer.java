package dev.uds.testsupport.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL server of Debian's {@code postgresql} package, made with {@code initdb} in a
 * scratch directory and listening on a Unix socket there ({@code listen_addresses=''}), or also
 * on 127.0.0.1 for comparisons with TCP. {@link #close()} stops it (fast shutdown) and deletes
 * the directory.
 *
 * <p>Authentication over the Unix socket is {@code peer}: the server asks the kernel who the
 * client is ({@code SO_PEERCRED}) and lets the operating-system user this JVM runs as in as the
 * role {@value #ROLE}, and as no other role ({@code pg_ident.conf} maps that one user to that one
 * role). The role is the cluster's superuser. With {@code log_connections} on, the log says which
 * identity each connection was authenticated as ({@link #log()}).
 *
 * <p>PostgreSQL refuses to run as root: when this JVM is root, {@code initdb} and
 * {@code postgres} run as the user {@code postgres} (through {@code setpriv}), and the scratch
 * directory is handed to that user.
 */
public final class PostgresServer implements AutoCloseable {
    /** The role the JVM's operating-system user may log in as, by peer authentication. */
    public static final String ROLE = "uds";
    /** The database every cluster has from {@code initdb}. */
    public static final String DATABASE = "postgres";
    /** The port in the socket's name ({@code .s.PGSQL.5432}) when the server has no TCP port. */
    private static final int UNIX_ONLY_PORT = 5432;

    private final Path directory;
    private final int port;
    private final boolean tcp;
    private final String osUser;
    private final ServerProcess process;

    private PostgresServer(Path directory, int port, boolean tcp, String osUser, ServerProcess process) {
        this.directory = directory;
        this.port = port;
        this.tcp = tcp;
        this.osUser = osUser;
        this.process = process;
    }

    /** Starts a server that listens on its Unix socket only. */
    public static PostgresServer start() throws IOException, InterruptedException {
        return start(false);
    }

    /**
     * Starts a server that listens on its Unix socket and on {@code 127.0.0.1:}{@link #port()},
     * where the role {@value #ROLE} is let in from that address without a password
     * ({@code trust}), so that TCP and the Unix socket do the same work per query.
     */
    public static PostgresServer startWithTcp() throws IOException, InterruptedException {
        return start(true);
    }

    private static PostgresServer start(boolean tcp) throws IOException, InterruptedException {
        Program initdb = Program.find("initdb", "postgresql", "/usr/lib/postgresql/*/bin");
        Program postgres = Program.find("postgres", "postgresql", initdb.directory().toString());
        Path directory = ScratchDirectory.create("postgres");
        try {
            String osUser = System.getProperty("user.name");
            List<String> asServerUser = List.of();
            if (ScratchDirectory.runningAsRoot(directory)) {
                asServerUser = List.of(Program.find("setpriv", "util-linux", "/usr/bin", "/bin").path().toString(),
                        "--reuid=postgres", "--regid=postgres", "--init-groups", "--");
            }
            Files.writeString(directory.resolve("pg_hba.conf"), hba(tcp), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("pg_ident.conf"), "uds " + osUser + " " + ROLE + "\n",
                    StandardCharsets.UTF_8);
            if (!asServerUser.isEmpty()) {
                ScratchDirectory.handTo(directory, "postgres");
            }
            Path log = directory.resolve("postgres.log");
            initdb.run(asServerUser, List.of("-D", directory.resolve("data").toString(), "-U", ROLE,
                    "--auth-local=peer", "--auth-host=reject", "-E", "UTF8", "--locale=C", "--no-sync"), Map.of(), log);
            int port = tcp ? freeTcpPort() : UNIX_ONLY_PORT;
            List<String> settings = new ArrayList<>(List.of("-D", directory.resolve("data").toString()));
            for (String setting : List.of(
                    "listen_addresses=" + (tcp ? "127.0.0.1" : ""),
                    "port=" + port,
                    "unix_socket_directories=" + directory,
                    "hba_file=" + directory.resolve("pg_hba.conf"),
                    "ident_file=" + directory.resolve("pg_ident.conf"),
                    "log_connections=on",
                    // A scratch cluster: nothing here must survive a crash of the machine.
                    "fsync=off",
                    "synchronous_commit=off",
                    "full_page_writes=off",
                    "shared_buffers=32MB")) {
                settings.add("-c");
                settings.add(setting);
            }
            ServerProcess process = ServerProcess.start("postgres (" + directory + ")",
                    postgres.command(asServerUser, settings), Map.of(), log, "INT");
            PostgresServer server = new PostgresServer(directory, port, tcp, osUser, process);
            process.awaitReady(() -> Files.exists(server.socketPath())
                    && server.log().contains("database system is ready to accept connections"), "accepting connections");
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            ScratchDirectory.delete(directory);
            throw e;
        }
    }

    private static String hba(boolean tcp) {
        String hba = "# The Unix socket: peer authentication only, through the map of pg_ident.conf.\n"
                + "local all all peer map=uds\n";
        if (tcp) {
            hba += "# TCP from this machine, for the comparison with the Unix socket.\n"
                    + "host all " + ROLE + " 127.0.0.1/32 trust\n";
        }
        return hba;
    }

    /** A TCP port nobody listens on now; PostgreSQL fails to start if another takes it first. */
    private static int freeTcpPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** The directory of the server's socket (libpq's and pgjdbc's "host" for a Unix socket). */
    public Path socketDirectory() {
        return directory;
    }

    /** The socket PostgreSQL listens on: {@code .s.PGSQL.<port>} in {@link #socketDirectory()}. */
    public Path socketPath() {
        return directory.resolve(".s.PGSQL." + port);
    }

    /** The port: in the socket's name, and the TCP port on 127.0.0.1 for a server started with TCP. */
    public int port() {
        return port;
    }

    /** Whether the server also listens on 127.0.0.1. */
    public boolean listensOnTcp() {
        return tcp;
    }

    /** The operating-system user whose peer credentials let a client in as {@value #ROLE}. */
    public String osUser() {
        return osUser;
    }

    /** The server's process id (the postmaster). */
    public long pid() {
        return process.pid();
    }

    /** The server's log so far: {@code initdb}'s output, then the server's, one line per connection. */
    public String log() {
        try {
            return Files.readString(directory.resolve("postgres.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of the PostgreSQL server in " + directory, e);
        }
    }

    /**
     * Stops the server with a fast shutdown (SIGINT: sessions are ended, nothing is waited for)
     * and deletes its directory.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            process.stop();
        } finally {
            ScratchDirectory.delete(directory);
        }
    }
}
