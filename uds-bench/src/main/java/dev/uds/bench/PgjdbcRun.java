package dev.uds.bench;

import dev.uds.testsupport.peers.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the pgjdbc benchmarks ({@link PgjdbcSelectOneBenchmark}, {@link PgjdbcFetchBenchmark}) as
 * JMH's own {@code Main} would with the same arguments, against one PostgreSQL server it starts
 * first: listening on a Unix socket and on 127.0.0.1, so that every transport of the run talks to
 * the same server. The server's socket and port reach the benchmark JVMs as system properties;
 * the server stops when the run ends.
 */
public final class PgjdbcRun {
    /** The table the fetch benchmark reads. */
    static final String FETCH_TABLE = "fetch_rows";
    /** Its rows. */
    static final int FETCH_ROWS = 100_000;

    private PgjdbcRun() {
    }

    /**
     * Starts the server, makes the table, runs JMH.
     *
     * @param args JMH's command-line arguments
     */
    public static void main(String[] args) throws Exception {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("uds-bench: bad JMH arguments: " + e.getMessage());
            System.exit(2);
            return;
        }
        int status;
        try (PostgresServer server = PostgresServer.startWithTcp()) {
            makeFetchTable(server);
            List<String> jvmArgs = new ArrayList<>(options.getJvmArgsAppend().orElse(List.of()));
            jvmArgs.add("-D" + PgjdbcSession.SOCKET_PROPERTY + "=" + server.socketPath());
            jvmArgs.add("-D" + PgjdbcSession.PORT_PROPERTY + "=" + server.port());
            status = run(new OptionsBuilder().parent(options).jvmArgsAppend(jvmArgs.toArray(String[]::new)));
        }
        System.exit(status);
    }

    private static int run(ChainedOptionsBuilder options) {
        try {
            new Runner(options.build()).run();
            return 0;
        } catch (RunnerException e) {
            System.err.println("uds-bench: the pgjdbc benchmarks failed: " + e.getMessage());
            return 1;
        }
    }

    /** The table of {@value #FETCH_ROWS} rows: an int and an MD5 in hex (32 characters) each. */
    private static void makeFetchTable(PostgresServer server) throws SQLException {
        try (Connection connection = PgjdbcSession.open(PgjdbcSession.TCP, server.socketPath().toString(), server.port());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + FETCH_TABLE + " AS SELECT g AS id, md5(g::text) AS label"
                    + " FROM generate_series(1, " + FETCH_ROWS + ") AS g");
            statement.execute("VACUUM ANALYZE " + FETCH_TABLE);
        }
    }
}
