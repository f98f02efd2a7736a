/**
 * Unix domain sockets (AF_UNIX) for Java.
 *
 * <p>{@link dev.uds.UnixDomain} opens sockets of the three {@link dev.uds.SocketType}s on the
 * backend chosen at run time (see {@link dev.uds.UnixDomain} for how); each
 * {@link dev.uds.UnixSocket} follows unix(7), and every backend behaves the same for the same
 * call, down to the exception type.
 *
 * @see "unix(7)"
 */
package dev.uds;
