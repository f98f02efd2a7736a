package dev.uds.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One pgjdbc connection to the PostgreSQL server that {@link PgjdbcRun} started, over the
 * transport its target names: a uds backend through {@code dev.uds.net.UnixSocketFactory}
 * ({@code ffm:STREAM}), junixsocket's own socket factory ({@code junixsocket:STREAM}), or TCP on
 * 127.0.0.1 ({@code tcp:STREAM}). The same server, role and settings for all: only the transport
 * differs.
 */
@State(Scope.Thread)
public class PgjdbcSession {
    /** The system property with the server's Unix socket, set by {@link PgjdbcRun}. */
    static final String SOCKET_PROPERTY = "uds.bench.pg.socket";
    /** The system property with the server's TCP port on 127.0.0.1, set by {@link PgjdbcRun}. */
    static final String PORT_PROPERTY = "uds.bench.pg.port";
    /** The library name of TCP on the loopback, which is no uds backend. */
    static final String TCP = "tcp";

    /** The transport: a backend, {@code junixsocket} or {@code tcp}, with the type STREAM. */
    @Param("ffm:STREAM")
    public String target;

    /** The open connection. */
    Connection connection;

    /** Connects. */
    @Setup(Level.Trial)
    public void connect() throws SQLException {
        connection = open(Target.parse(target).library(), System.getProperty(SOCKET_PROPERTY),
                Integer.getInteger(PORT_PROPERTY, -1));
    }

    /** Closes the connection. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
        connection.close();
    }

    /**
     * A connection over one transport, with TLS and GSS encryption off on all (a Unix socket
     * needs neither, and TCP must do the same work).
     *
     * @param library a uds backend's name, {@code junixsocket} or {@code tcp}
     */
    static Connection open(String library, String socket, int port) throws SQLException {
        if (socket == null || port <= 0) {
            throw new IllegalStateException("no PostgreSQL server: run the pgjdbc benchmarks through "
                    + PgjdbcRun.class.getName() + ", which starts one and sets " + SOCKET_PROPERTY + " and " + PORT_PROPERTY);
        }
        Properties properties = new Properties();
        properties.setProperty("user", "uds");
        properties.setProperty("sslmode", "disable");
        properties.setProperty("gssEncMode", "disable");
        // For a socket factory the host is only a name to parse (junixsocket's wants a name, not a
        // number); the factory connects to its socket.
        String host = "localhost:" + port;
        switch (library) {
            case TCP -> host = "127.0.0.1:" + port;
            case Target.JUNIXSOCKET -> {
                properties.setProperty("socketFactory", "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg");
                properties.setProperty("socketFactoryArg", socket);
            }
            default -> {
                properties.setProperty("socketFactory", "dev.uds.net.UnixSocketFactory");
                properties.setProperty("socketFactoryArg", socket);
                properties.setProperty("uds.net.backend", library);
            }
        }
        return DriverManager.getConnection("jdbc:postgresql://" + host + "/postgres", properties);
    }
}
