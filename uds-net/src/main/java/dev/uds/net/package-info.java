/**
 * {@code java.net} and NIO views of STREAM {@link dev.uds.UnixSocket}s, so that libraries written
 * for {@link java.net.Socket}, {@link java.net.ServerSocket}, {@link java.nio.channels.SocketChannel}
 * or a {@link javax.net.SocketFactory} run over AF_UNIX on every backend.
 *
 * <p>{@link dev.uds.net.UnixSocketFactory} hands out connected sockets (pgjdbc's
 * {@code socketFactory}, OkHttp); {@link dev.uds.net.UnixSockets} makes the views of sockets the
 * application already has, converts addresses to and from {@link java.net.UnixDomainSocketAddress},
 * and leads back from a view to its {@link dev.uds.UnixSocket}.
 *
 * @see "unix(7)"
 */
package dev.uds.net;
