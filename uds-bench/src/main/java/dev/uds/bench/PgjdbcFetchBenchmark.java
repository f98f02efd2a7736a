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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * pgjdbc fetching all {@code rows} rows of the table {@link PgjdbcRun} made (an {@code int} and a
 * 32-character {@code text} per row, about 4 MB on the wire) and reading every value. The score
 * is fetches per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PgjdbcFetchBenchmark {
    /** The rows of the table: {@link PgjdbcRun#FETCH_ROWS}. */
    @Param("100000")
    public int rows;

    private PreparedStatement query;

    /** Prepares the query on the session's connection. */
    @Setup(Level.Trial)
    public void prepare(PgjdbcSession session) throws SQLException {
        query = session.connection.prepareStatement("SELECT id, label FROM " + PgjdbcRun.FETCH_TABLE + " LIMIT ?");
        query.setInt(1, rows);
    }

    /** Closes the statement. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
        query.close();
    }

    /** One fetch of every row, each value read. */
    @Benchmark
    public void fetch(Blackhole sink) throws SQLException {
        int read = 0;
        try (ResultSet result = query.executeQuery()) {
            while (result.next()) {
                sink.consume(result.getInt(1));
                sink.consume(result.getString(2));
                read++;
            }
        }
        if (read != rows) {
            throw new IllegalStateException("fetched " + read + " rows, not " + rows);
        }
    }
}
