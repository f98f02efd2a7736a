package dev.uds.net.peers;

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
        Properties properties = new Properties();
        properties.setProperty("user", role);
        properties.setProperty("ApplicationName", "uds-" + backend);
        return DriverManager.getConnection(url(server, backend), properties);
    }
}
