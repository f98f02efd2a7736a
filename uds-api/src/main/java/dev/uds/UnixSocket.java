package dev.uds;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.InterruptibleChannel;

/**
 * An AF_UNIX socket of one {@link SocketType}, in blocking mode.
 *
 * <p>A socket is made unbound and unconnected by {@link UnixDomain#open(SocketType)}, or
 * already set up by {@link UnixDomain#connect}, {@link UnixDomain#listen} and
 * {@link UnixDomain#pair}. It is a {@link ByteChannel}: {@link #read(ByteBuffer)} and
 * {@link #write(ByteBuffer)} behave as on a blocking {@code SocketChannel}, so a socket works
 * wherever a channel does. {@code write} is {@link #send(ByteBuffer)}; {@code read} is
 * {@link #receive(ByteBuffer)}, except that it returns 0 at once when the buffer has no room.
 *
 * <p>It is an {@link InterruptibleChannel}. How its calls fail, end when it is closed, and end
 * when their thread is interrupted, the same on every backend, and how threads may share it,
 * are in the package documentation.
 *
 * @see "unix(7)"
 */
public non-sealed interface UnixSocket extends ByteChannel, InterruptibleChannel, PassableDescriptor {

    /**
     * The socket's type.
     *
     * @return the type
     */
    SocketType type();

    /**
     * The backend that implements this socket, such as {@code "jdk"} or {@code "ffm"}.
     *
     * @return the backend's name
     */
    String backend();

    /**
     * Binds the socket to an address ({@code bind(2)}). For a pathname, this creates the socket
     * file, which stays until it is deleted; binding fails with {@link AddressInUseException} if
     * any file exists there. Binding to {@link UnixAddress#unnamed()} autobinds the socket to a
     * unique abstract name ({@link Capability#AUTOBIND}).
     *
     * @param address where to bind
     * @throws AddressInUseException      if the address is in use ({@code EADDRINUSE})
     * @throws PermissionDeniedException  if the directory is not writable ({@code EACCES})
     * @throws UnsupportedFeatureException for an abstract or unnamed address the backend lacks
     * @throws IOException                for any other failure, with the errno symbol
     */
    void bind(UnixAddress address) throws IOException;

    /**
     * Marks a bound STREAM or SEQPACKET socket as accepting connections ({@code listen(2)}).
     *
     * @param backlog how many connections may wait to be accepted, at least 1 on every backend; the
     *                kernel caps it at {@code /proc/sys/net/core/somaxconn}, {@link #listen()} takes that
     * @throws IllegalArgumentException if {@code backlog} is below 1 (which the JDK would make 50, and
     *                                  {@code listen(2)} "one may wait"), naming it, before any system
     *                                  call; the socket stays as it was
     * @throws IOException if the socket is not bound or is of type DGRAM ({@code EOPNOTSUPP})
     */
    void listen(int backlog) throws IOException;

    /**
     * Marks a bound STREAM or SEQPACKET socket as accepting connections with the kernel's largest
     * backlog, {@link UnixDomain#maxBacklog()}: the backlog to choose (it says why) unless there is
     * a reason to refuse connections early.
     *
     * @throws IOException as {@link #listen(int)}
     */
    default void listen() throws IOException {
        listen(UnixDomain.maxBacklog());
    }

    /**
     * Waits for a connection and returns a new socket for it ({@code accept(2)}).
     *
     * @return the connected socket, of this socket's type and backend
     * @throws java.net.SocketTimeoutException if a receive timeout is set and expires
     * @throws IOException                     if the socket is not listening, or on any other failure
     */
    UnixSocket accept() throws IOException;

    /**
     * Connects to a socket ({@code connect(2)}). For DGRAM, sets the default destination and
     * the only source that messages are received from.
     *
     * <p>A STREAM or SEQPACKET connect waits only while the listener's backlog is full, for room
     * (an {@code accept} there), as long as {@link UnixSocketOption#SEND_TIMEOUT} allows; a close
     * or an interrupt ends the wait as it ends any blocking call.
     *
     * @param address the peer's address
     * @throws ConnectionRefusedException if nothing listens there ({@code ECONNREFUSED}) or nothing is ({@code ENOENT})
     * @throws PermissionDeniedException  if the socket file is not writable ({@code EACCES})
     * @throws UnixSocketTimeoutException if a send timeout is set and expires while the backlog is full
     * @throws IOException                for any other failure
     */
    void connect(UnixAddress address) throws IOException;

    /**
     * Sends data. A STREAM socket writes every remaining byte of {@code src}; a DGRAM or
     * SEQPACKET socket sends them as exactly one message, never part of one. The buffer's position
     * advances by the bytes sent.
     *
     * @param src the data
     * @return the number of bytes sent
     * @throws BrokenPipeException if the peer is gone ({@code EPIPE}); never a {@code SIGPIPE}
     * @throws IOException         for a message too large ({@code EMSGSIZE}, with the size), or
     *                             any other failure
     */
    int send(ByteBuffer src) throws IOException;

    /**
     * Receives data. DGRAM and SEQPACKET sockets receive exactly one message; one longer than
     * {@code dst} has room for is never cut silently: {@link MessageTruncatedException} reports
     * its real length. STREAM sockets receive the bytes available, at least one.
     *
     * @param dst where to put the data
     * @return the number of bytes received, or -1 at end of stream (the peer closed or shut down
     *         its writing side)
     * @throws IllegalArgumentException  if {@code dst} is read-only; refused before any system
     *                                   call, so the data stays for the next receive
     * @throws MessageTruncatedException if a message did not fit in {@code dst}
     * @throws java.net.SocketTimeoutException if a receive timeout is set and expires
     * @throws IOException for any other failure
     */
    int receive(ByteBuffer dst) throws IOException;

    /**
     * The credentials of the connected peer, as they were when it connected or made the pair
     * ({@code SO_PEERCRED}).
     *
     * @return the peer's uid and gid, and its pid where {@link Capability#PEER_PID} is declared
     * @throws UnsupportedFeatureException if the backend lacks {@link Capability#PEER_CREDENTIALS}
     * @throws IOException if the kernel kept no peer credentials ({@code ENOTCONN}): the socket
     *                     is not connected, or is a DGRAM socket connected with
     *                     {@code connect(2)}, for which the kernel records none (it reports
     *                     pid 0 there)
     */
    PeerCredentials peerCredentials() throws IOException;

    /**
     * The connected peer's process, as a pidfd taken when it connected or made the pair
     * ({@code SO_PEERPIDFD}): it tells whether that very process is still alive, which a pid from
     * {@link #peerCredentials()} cannot once the pid is reused.
     *
     * @return the peer's process, which the caller must close
     * @throws UnsupportedFeatureException if the backend lacks {@link Capability#PEER_PIDFD}
     *                                     (the {@code jdk} backend, or a kernel before 6.5)
     * @throws IOException if the socket is not connected ({@code ENOTCONN}), or the peer has
     *                     exited and been reaped already
     */
    default PeerProcess peerProcess() throws IOException {
        throw UnsupportedFeatureException.of(backend(), Capability.PEER_PIDFD);
    }

    /**
     * The connected peer's security label ({@code SO_PEERSEC}), such as an SELinux context, as
     * the kernel's security modules give it when it connected.
     *
     * @return the label; empty when no security module labels sockets (the kernel answers
     *         {@code ENOPROTOOPT}, as on a kernel with none or with only ones that do not)
     * @throws UnsupportedFeatureException if the backend lacks {@link Capability#PEER_SECURITY_LABEL}
     * @throws IOException if the call fails
     */
    default String peerSecurityLabel() throws IOException {
        throw UnsupportedFeatureException.of(backend(), Capability.PEER_SECURITY_LABEL);
    }

    /**
     * The address this socket is bound to ({@code getsockname(2)}).
     *
     * @return the address; {@link UnixAddress#unnamed()} if not bound. A path of 108 bytes with
     *         no terminating NUL, which Linux lets another program bind (unix(7), BUGS), is
     *         returned whole, as {@link UnixAddress#of(byte[])} accepts it
     * @throws IOException if the call fails
     */
    UnixAddress localAddress() throws IOException;

    /**
     * The address of the connected peer ({@code getpeername(2)}).
     *
     * @return the address; {@link UnixAddress#unnamed()} if the peer is not bound
     *         (a path of 108 bytes with no NUL included, as for {@link #localAddress()})
     * @throws IOException if the socket is not connected ({@code ENOTCONN})
     */
    UnixAddress remoteAddress() throws IOException;

    /**
     * Shuts down the reading side ({@code shutdown(SHUT_RD)}): later receives return -1.
     *
     * @throws IOException if the socket is not connected, or the call fails
     */
    void shutdownInput() throws IOException;

    /**
     * Shuts down the writing side ({@code shutdown(SHUT_WR)}): the peer reads end of stream.
     *
     * @throws IOException if the socket is not connected, or the call fails
     */
    void shutdownOutput() throws IOException;

    // Addressed datagrams (Capability.ADDRESSED_DATAGRAMS): sendto(2), recvfrom(2), and connect(2)
    // with AF_UNSPEC. Their rules and errors are in the package documentation, once for the three.

    /**
     * Sends one datagram to an address ({@code sendto(2)}), as
     * {@link java.nio.channels.DatagramChannel#send} does: all the remaining bytes of {@code src}
     * as exactly one message, never part of one.
     *
     * @param src    the datagram
     * @param target where to send it: a pathname or an abstract address
     * @return the number of bytes sent, all of {@code src}
     * @throws UnsupportedFeatureException without {@link Capability#ADDRESSED_DATAGRAMS} (or, for an abstract
     *                                     target, {@link Capability#ABSTRACT_NAMESPACE})
     * @throws IllegalArgumentException    if {@code target} is {@link UnixAddress#unnamed()}
     * @throws ConnectionRefusedException  if no socket is at the address ({@code ENOENT}, {@code ECONNREFUSED})
     * @throws PermissionDeniedException   if the socket file or the receiver refuses it ({@code EACCES}, {@code EPERM})
     * @throws UnixSocketTimeoutException  if a send timeout is set and the receiver's queue stays full
     * @throws IOException                 {@code EOPNOTSUPP} if not DGRAM, {@code EMSGSIZE}, or any other failure
     * @see "sendto(2), unix(7)"
     */
    default int sendTo(ByteBuffer src, UnixAddress target) throws IOException {
        throw UnsupportedFeatureException.of(backend(), Capability.ADDRESSED_DATAGRAMS);
    }

    /**
     * Receives one datagram and says who sent it ({@code recvfrom(2)}), as
     * {@link java.nio.channels.DatagramChannel#receive} does, except that a datagram longer than
     * {@code dst} has room for is never cut silently.
     *
     * @param dst where to put the datagram
     * @return the sender: a pathname, an abstract name (an autobound sender's is five hex digits),
     *         or {@link UnixAddress#unnamed()} when the sender is not bound; null once the socket's
     *         reading side is shut down, where {@link #receive} returns -1
     * @throws UnsupportedFeatureException without {@link Capability#ADDRESSED_DATAGRAMS}
     * @throws IllegalArgumentException    if {@code dst} is read-only, before any system call
     * @throws MessageTruncatedException   if the datagram did not fit in {@code dst}, with its sender
     * @throws java.net.SocketTimeoutException if a receive timeout is set and expires
     * @throws IOException                 {@code EOPNOTSUPP} if not DGRAM, or any other failure
     * @see "recvfrom(2), unix(7)"
     */
    default UnixAddress receiveFrom(ByteBuffer dst) throws IOException {
        throw UnsupportedFeatureException.of(backend(), Capability.ADDRESSED_DATAGRAMS);
    }

    /**
     * Dissolves a DGRAM socket's association ({@code connect(2)} with {@code AF_UNSPEC}): it no
     * longer has a default destination, and receives from any socket again. Nothing happens if it
     * is not connected.
     *
     * @throws UnsupportedFeatureException without {@link Capability#ADDRESSED_DATAGRAMS}
     * @throws IOException                 {@code EOPNOTSUPP} if not DGRAM (a STREAM or SEQPACKET
     *                                     connection ends with {@link #close()}), or if the call fails
     * @see "connect(2): AF_UNSPEC"
     */
    default void disconnect() throws IOException {
        throw UnsupportedFeatureException.of(backend(), Capability.ADDRESSED_DATAGRAMS);
    }

    /**
     * Sends data with ancillary data: descriptors ({@code SCM_RIGHTS}) and stated credentials
     * ({@code SCM_CREDENTIALS}). The data must not be empty, as unix(7) asks, so that the
     * ancillary data has a byte to travel with on every socket type.
     *
     * @param src       the data, at least one byte
     * @param ancillary what to send with it
     * @return the number of bytes sent
     * @throws UnsupportedFeatureException if the backend lacks {@link Capability#DESCRIPTOR_PASSING}
     *                                     or {@link Capability#CREDENTIAL_PASSING}
     * @throws IllegalArgumentException    if {@code src} is empty, or a descriptor comes from
     *                                     another backend
     * @throws PermissionDeniedException   if stated credentials are refused ({@code EPERM})
     * @throws IOException                 as {@link #send(ByteBuffer)}
     */
    default int send(ByteBuffer src, Ancillary ancillary) throws IOException {
        if (!ancillary.descriptorList().isEmpty()) {
            throw UnsupportedFeatureException.of(backend(), Capability.DESCRIPTOR_PASSING);
        }
        if (ancillary.statedCredentials().isPresent()) {
            throw UnsupportedFeatureException.of(backend(), Capability.CREDENTIAL_PASSING);
        }
        return send(src);
    }

    /**
     * Receives one message (or, for STREAM, the bytes available) with its ancillary data, and
     * reports truncation instead of throwing {@link MessageTruncatedException}.
     *
     * @param dst            where to put the data
     * @param maxDescriptors how many descriptors to accept; more are closed and reported by
     *                       {@link ReceivedMessage#descriptorsTruncated()}
     * @return what was received; close it to close descriptors you do not keep
     * @throws UnsupportedFeatureException if {@code maxDescriptors} is positive and the backend
     *                                     lacks {@link Capability#DESCRIPTOR_PASSING}
     * @throws IOException as {@link #receive(ByteBuffer)}
     */
    default ReceivedMessage receiveMessage(ByteBuffer dst, int maxDescriptors) throws IOException {
        return ReceivedMessage.withoutAncillary(this, dst, maxDescriptors);
    }

    /**
     * Receives data without removing it from the socket ({@code MSG_PEEK}): the next receive
     * returns it again. Semantics otherwise as {@link #receive(ByteBuffer)}.
     *
     * @param dst where to put the data
     * @return the number of bytes, or -1 at end of stream
     * @throws UnsupportedFeatureException if the backend lacks {@link Capability#PEEK}
     * @throws IOException as {@link #receive(ByteBuffer)}
     */
    default int peek(ByteBuffer dst) throws IOException {
        throw UnsupportedFeatureException.of(backend(), Capability.PEEK);
    }

    /**
     * The number of bytes waiting to be received ({@code ioctl(SIOCINQ)}): on STREAM and
     * SEQPACKET every byte queued, of all the messages waiting; on DGRAM the size of the next
     * message only. 0 when nothing is queued, and also when only empty messages are.
     *
     * @return the number of bytes
     * @throws UnsupportedFeatureException if the backend lacks {@link Capability#BYTES_AVAILABLE}
     * @throws IOException if the call fails
     */
    default int available() throws IOException {
        throw UnsupportedFeatureException.of(backend(), Capability.BYTES_AVAILABLE);
    }

    /**
     * Sets a socket option.
     *
     * @param <T>    the option's value type
     * @param option the option
     * @param value  its new value
     * @throws UnsupportedFeatureException if the backend lacks the option's capability
     * @throws IllegalArgumentException    if the value is out of range
     * @throws IOException                 if the call fails
     */
    default <T> void setOption(UnixSocketOption<T> option, T value) throws IOException {
        throw UnsupportedFeatureException.of(backend(), option.capability());
    }

    /**
     * Reads a socket option.
     *
     * @param <T>    the option's value type
     * @param option the option
     * @return its value
     * @throws UnsupportedFeatureException if the backend lacks the option's capability
     * @throws IOException                 if the call fails
     */
    default <T> T getOption(UnixSocketOption<T> option) throws IOException {
        throw UnsupportedFeatureException.of(backend(), option.capability());
    }

    /**
     * Sends messages {@code offset} to {@code offset + count - 1} of a batch in one system call
     * ({@code sendmmsg(2)}): each buffer's remaining bytes as one message, in order, whole or
     * not at all, as {@link #send(ByteBuffer)} sends one. It waits for room as {@code send} does;
     * a failure part-way is not thrown but ends the count (see {@link MessageBatch}, "Sending").
     *
     * @param batch  the messages
     * @param offset the first message to send
     * @param count  how many to send; 0 sends nothing and returns 0 without a system call
     * @return the number of messages sent from {@code offset}: {@code count}, or fewer after a failure part-way
     * @throws UnsupportedFeatureException if the backend lacks {@link Capability#BATCHES}
     * @throws UnsupportedOperationException if this is a STREAM socket, which has no messages
     * @throws IndexOutOfBoundsException if {@code offset} and {@code count} are outside the batch
     * @throws BrokenPipeException if the peer is gone before the first message ({@code EPIPE})
     * @throws IOException as {@link #send(ByteBuffer)}, for the first message
     * @see "sendmmsg(2)"
     */
    default int sendBatch(MessageBatch batch, int offset, int count) throws IOException {
        throw UnsupportedFeatureException.of(backend(), Capability.BATCHES);
    }

    /**
     * Receives up to {@code count} messages in one system call ({@code recvmmsg(2)} with
     * {@code MSG_WAITFORONE}), into buffers {@code offset} onwards, in order: it waits for the
     * first as {@link #receive(ByteBuffer)} does, then takes those already queued without waiting
     * for more. Truncation is reported per message, not thrown (see {@link MessageBatch},
     * "Receiving").
     *
     * @param batch  the buffers
     * @param offset the first buffer to receive into
     * @param count  how many messages at most; 0 receives nothing and returns 0 without a system call
     * @return the number of messages received (at least one), or -1 at end of stream
     * @throws UnsupportedFeatureException if the backend lacks {@link Capability#BATCHES}
     * @throws UnsupportedOperationException if this is a STREAM socket, which has no messages
     * @throws IndexOutOfBoundsException if {@code offset} and {@code count} are outside the batch
     * @throws IllegalArgumentException if one of those buffers is read-only
     * @throws java.net.SocketTimeoutException if a receive timeout is set and expires before the first
     * @throws IOException as {@link #receive(ByteBuffer)}
     * @see "recvmmsg(2)"
     */
    default int receiveBatch(MessageBatch batch, int offset, int count) throws IOException {
        throw UnsupportedFeatureException.of(backend(), Capability.BATCHES);
    }
}
