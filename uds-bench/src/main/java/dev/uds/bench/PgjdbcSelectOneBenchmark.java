package dev.uds.bench;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * pgjdbc's {@code SELECT 1} round trips on one connection: one query, one answer, one row read.
 * The statement is prepared once, so that after pgjdbc's prepare threshold each round trip is a
 * Bind, Execute and Sync and their answers. The score is queries per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PgjdbcSelectOneBenchmark {
    private PreparedStatement query;

    /** Prepares the query on the session's connection. */
    @Setup(Level.Trial)
    public void prepare(PgjdbcSession session) throws SQLException {
        query = session.connection.prepareStatement("SELECT 1");
    }

    /** Closes the statement. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
        query.close();
    }

    /**
     * One round trip.
     *
     * @return the answer, which must be 1
     */
    @Benchmark
    public int selectOne() throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("SELECT 1 returned no row");
            }
            return row.getInt(1);
        }
    }
}
