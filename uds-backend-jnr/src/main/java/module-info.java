/**
 * The {@code jnr} backend: AF_UNIX sockets through jnr-unixsocket and, where it stops, libc
 * through jnr-ffi. Runs on Java 17. Exports nothing.
 *
 * <p>The jnr jars are automatic modules; the names required here are the
 * {@code Automatic-Module-Name}s in the manifests of the jars Maven resolves (jnr-unixsocket's
 * pom also names {@code jnr.unixsocket} for its OSGi bundle, which is not what the jar says).
 */
module dev.uds.backend.jnr {
    requires dev.uds;
    // Credentials (SO_PEERCRED) and UnixSocketChannel.fromFD.
    requires org.jnrproject.unixsocket;
    // LibraryLoader, LastError and the type annotations of the libc binding (JnrLibc).
    requires org.jnrproject.ffi;
    // MemoryIO: the native address of a direct ByteBuffer, without allocating.
    requires org.jnrproject.jffi;
    // Errno descriptions, to recover the errno from jnr-unixsocket's strerror-only messages.
    requires org.jnrproject.constants;

    provides dev.uds.spi.UnixDomainProvider with dev.uds.backend.jnr.JnrProvider;
}
