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
    // The Linux core this backend shares with ffm; it brings the system calls.
    requires dev.uds.linux;
    // Credentials (SO_PEERCRED) and UnixSocketChannel.fromFD.
    requires org.jnrproject.unixsocket;
    // LibraryLoader, LastError and the type annotations of the libc binding (JnrLibc).
    requires org.jnrproject.ffi;
    // MemoryIO: the native address of a direct ByteBuffer, without allocating.
    requires org.jnrproject.jffi;
    // Errno descriptions, to recover the errno from jnr-unixsocket's strerror-only messages.
    requires org.jnrproject.constants;

    // jnr-ffi is an automatic module: it reads every module, but cannot make the explicit ASM
    // modules it generates bindings with resolve; requiring them here does.
    requires org.objectweb.asm;
    requires org.objectweb.asm.commons;
    requires org.objectweb.asm.tree;
    requires org.objectweb.asm.tree.analysis;
    requires org.objectweb.asm.util;

    // The class jnr-ffi generates to implement JnrLibc lives in the unnamed module of a class
    // loader of its own, which no qualified export or open can name: the package holding the
    // binding interface alone is opened to all (which exports it at run time, not at compile time).
    opens dev.uds.backend.jnr.libc;

    provides dev.uds.spi.UnixDomainProvider with dev.uds.backend.jnr.JnrProvider;
}
