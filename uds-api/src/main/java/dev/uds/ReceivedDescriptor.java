package dev.uds;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * An open file descriptor received with a message ({@code SCM_RIGHTS}). It is owned by the
 * receiver: close it, or hand it on. It was created close-on-exec.
 *
 * <p>As a {@link ByteChannel} it reads and writes the descriptor with {@code read(2)} and
 * {@code write(2)}, whatever it refers to: a file, a pipe or a socket.
 *
 * @see ReceivedMessage#descriptors()
 * @see "unix(7): SCM_RIGHTS"
 */
public non-sealed interface ReceivedDescriptor extends PassableDescriptor, ByteChannel {

    /**
     * The descriptor's number in this process, for diagnostics and for passing to native code.
     *
     * @return the number
     * @throws java.nio.channels.ClosedChannelException if it was closed or adopted
     */
    int fd() throws IOException;

    /**
     * Whether the descriptor refers to an AF_UNIX socket ({@code getsockopt(SO_DOMAIN)}).
     *
     * @return true for a Unix domain socket
     * @throws IOException if the descriptor is closed or cannot be queried
     */
    boolean isUnixSocket() throws IOException;

    /**
     * Makes the descriptor a {@link UnixSocket} of its socket type ({@code SO_TYPE}). The socket
     * owns the descriptor from then on, and this object is closed.
     *
     * @return the socket
     * @throws IOException if the descriptor is closed or is not an AF_UNIX socket
     *                     ({@link UnixSocketException} with {@code ENOTSOCK} or
     *                     {@code EAFNOSUPPORT})
     */
    UnixSocket adoptAsSocket() throws IOException;

    /**
     * Writes every remaining byte of {@code src}, calling {@code write(2)} as often as the
     * descriptor needs (a pipe, say, takes what fits in its buffer each time) and again after
     * {@code EINTR}. The buffer's position advances by the bytes written.
     *
     * @param src the data
     * @return the number of bytes written: all that remained
     * @throws IOException if a {@code write(2)} fails; the position then counts the bytes
     *                     written before
     */
    @Override
    int write(ByteBuffer src) throws IOException;

    /**
     * Gives the descriptor up without closing it: the caller owns the number from then on (to
     * hand it to native code, to a child process, or to {@link UnixDomain#adopt(int)}), and this
     * object is closed.
     *
     * @return the number, which the caller must close
     * @throws java.nio.channels.ClosedChannelException if it was closed or adopted
     * @throws IOException if another thread is using it
     */
    int detach() throws IOException;
}
