/**
 * The {@code jdk} backend: STREAM sockets over the JDK's {@code SocketChannel} and
 * {@code ServerSocketChannel} with {@code UnixDomainSocketAddress} (Java 16+). Exports nothing.
 */
module dev.uds.backend.jdk {
    requires dev.uds;
    // SO_PEERCRED for peer credentials.
    requires jdk.net;

    provides dev.uds.spi.UnixDomainProvider with dev.uds.backend.jdk.JdkProvider;
}
