/**
 * Unix domain sockets (AF_UNIX) for Java.
 *
 * <p>{@link dev.uds.UnixDomain} opens sockets of the three {@link dev.uds.SocketType}s on the
 * backend chosen at run time (see {@link dev.uds.UnixDomain} for how); each
 * {@link dev.uds.UnixSocket} follows unix(7), and every backend behaves the same for the same
 * call, down to the exception type.
 *
 * <h2>Errors, closing, interrupts and threads</h2>
 * Every method of a {@link dev.uds.UnixSocket} throws
 * {@link java.nio.channels.ClosedChannelException} once the socket is closed, and a call blocked
 * in one thread ends with {@link java.nio.channels.AsynchronousCloseException} when another
 * thread closes the socket. Failed system calls throw the exception types listed on
 * {@link dev.uds.NativeError}, with messages that name the call, the address and the errno
 * symbol. Features a backend lacks throw {@link dev.uds.UnsupportedFeatureException} before any
 * system call.
 *
 * <p>A socket is an {@link java.nio.channels.InterruptibleChannel}, on every backend and on
 * platform and virtual threads alike, as a {@code SocketChannel} is: interrupting a thread blocked
 * in {@code accept}, {@code connect}, {@code send} or {@code receive} (and the methods built on
 * them) closes the socket, and the call throws
 * {@link java.nio.channels.ClosedByInterruptException}; a call made with the thread's interrupt
 * flag already set does the same without blocking. The interrupt flag stays set. So
 * {@code ExecutorService.shutdownNow()} stops a task blocked on a socket.
 *
 * <p>Sockets are safe for use by several threads, with one reader and one writer at a time for
 * STREAM sockets (as for any byte stream, interleaving is otherwise undefined).
 *
 * <h2>Addressed datagrams</h2>
 * On a backend with {@link dev.uds.Capability#ADDRESSED_DATAGRAMS}, a DGRAM socket sends to an
 * address ({@link dev.uds.UnixSocket#sendTo}) and receives with the sender's address
 * ({@link dev.uds.UnixSocket#receiveFrom}), as a {@code DatagramChannel} does. A socket need not
 * be bound to send, but the receiver then sees an unnamed sender and cannot answer: bind it (to
 * {@link dev.uds.UnixAddress#unnamed()} for an autobound abstract name) to get replies. A
 * connected socket may send to other addresses too. When the receiver's queue is full,
 * {@code sendTo} blocks, up to {@link dev.uds.UnixSocketOption#SEND_TIMEOUT} if one is set.
 *
 * <p>They are DGRAM calls: on a STREAM or SEQPACKET socket, {@code sendTo}, {@code receiveFrom}
 * and {@link dev.uds.UnixSocket#disconnect()} fail with {@code EOPNOTSUPP} before any system call
 * (a SEQPACKET {@code sendto} would ignore the address and reach the peer). Also refused before
 * the call: sending to {@link dev.uds.UnixAddress#unnamed()}, which no datagram can reach, and
 * receiving into a read-only buffer ({@link IllegalArgumentException}). Sending to a pathname
 * with no socket file ({@code ENOENT}) or a file with no socket ({@code ECONNREFUSED}) is a
 * {@link dev.uds.ConnectionRefusedException}; a socket file that is not writable
 * ({@code EACCES}), or a receiver connected to another socket ({@code EPERM}), a
 * {@link dev.uds.PermissionDeniedException}; a message too large for the socket,
 * {@code EMSGSIZE}. Every message names the target. A datagram longer than the buffer is a
 * {@link dev.uds.MessageTruncatedException} with its real length and its sender, so it can still
 * be answered.
 *
 * @see "unix(7)"
 */
package dev.uds;
