/**
 * The {@code jnr} backend: AF_UNIX sockets on Java 17+ for applications that carry jnr already,
 * under the Linux core's flows ({@code dev.uds.linux}). jnr-ffi binds the libc calls
 * ({@link dev.uds.backend.jnr.JnrSyscalls}); jnr-unixsocket supplies the peer's credentials. Every
 * thread blocks in the kernel, interruptibly.
 */
package dev.uds.backend.jnr;
