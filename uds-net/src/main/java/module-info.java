/**
 * The {@code java.net} and NIO views of uds sockets: a {@link javax.net.SocketFactory} for JDBC
 * drivers and HTTP clients, {@link java.net.Socket}, {@link java.net.ServerSocket} and blocking
 * {@link java.nio.channels.SocketChannel} views of a STREAM {@link dev.uds.UnixSocket}, on any
 * backend. Start at {@link dev.uds.net.UnixSocketFactory} and {@link dev.uds.net.UnixSockets}.
 */
module dev.uds.net {
    requires transitive dev.uds;

    exports dev.uds.net;
}
