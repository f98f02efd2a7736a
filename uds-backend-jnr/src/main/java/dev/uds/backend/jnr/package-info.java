/**
 * The {@code jnr} backend: AF_UNIX sockets on Java 17+ for applications that carry jnr already.
 * jnr-unixsocket supplies the peer's credentials; jnr-ffi binds the libc calls for everything
 * jnr-unixsocket lacks or gets wrong for uds (SEQPACKET, socketpair, ancillary data, MSG_TRUNC,
 * errno, close from another thread, copies on every read and write).
 */
package dev.uds.backend.jnr;
