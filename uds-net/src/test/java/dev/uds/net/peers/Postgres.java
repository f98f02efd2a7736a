package dev.uds.net.peers;

import dev.uds.Capability;
import dev.uds.UnixDomain;
import dev.uds.net.UnixSocketFactory;
import dev.uds.testsupport.peers.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** How these tests reach a {@link PostgresServer} through pgjdbc and uds. */
final class Postgres {
    private Postgres() {
    }

    /**
     * The JDBC URL that runs pgjdbc over uds on one backend, as a user would write it: pgjdbc's
     * {@code socketFactory} and {@code socketFactoryArg}, and the backend as a property that
     * pgjdbc hands to {@link UnixSocketFactory#UnixSocketFactory(Properties)} with the others.
     * The host and port are what pgjdbc needs to parse the URL; the factory ignores them.
     */
    static String url(PostgresServer server, String backend) {
        return "jdbc:postgresql://localhost:" + server.port() + "/" + PostgresServer.DATABASE
                + "?socketFactory=" + UnixSocketFactory.class.getName()
                + "&socketFactoryArg=" + server.socketPath()
                + "&" + UnixSocketFactory.BACKEND_PROPERTY + "=" + backend;
    }

    /** A connection over uds on {@code backend} as {@code role}, authenticated by the kernel's peer credentials. */
    static Connection connect(PostgresServer server, String backend, String role) throws SQLException {
        Properties properties = properties(backend);
        properties.setProperty("user", role);
        properties.setProperty("ApplicationName", "uds-" + backend);
        return DriverManager.getConnection(url(server, backend), properties);
    }

    /**
     * pgjdbc's settings for a backend: its defaults, except on a backend without receive
     * timeouts ({@code jdk} today), where TLS is off. With its default {@code sslmode=prefer},
     * pgjdbc asks the server for TLS and waits for the answer with a read timeout
     * ({@code sslResponseTimeout}), which the view refuses on such a backend (as
     * {@code PgjdbcTest} shows); TLS over a Unix socket buys nothing anyway.
     */
    static Properties properties(String backend) {
        Properties properties = new Properties();
        if (!UnixDomain.backend(backend).supports(Capability.RECEIVE_TIMEOUT)) {
            properties.setProperty("sslmode", "disable");
        }
        return properties;
    }
}
