package dev.uds;

/**
 * Features of unix(7) beyond plain sending and receiving that a backend may or may not offer.
 *
 * <p>A backend declares a capability only where it works; asking a backend for one it does not
 * declare throws {@link UnsupportedFeatureException} before any system call. See
 * {@link Backend#capabilities()}.
 *
 * @see "unix(7)"
 */
public enum Capability {
    /** Addresses in the Linux abstract namespace ({@link UnixAddress#abstractName(String)}). */
    ABSTRACT_NAMESPACE("abstract addresses"),
    /** Binding to {@link UnixAddress#unnamed()}: the kernel picks a unique abstract name (autobind). */
    AUTOBIND("autobind"),
    /** A connected pair of sockets from {@code socketpair(2)} ({@link UnixDomain#pair(SocketType)}). */
    SOCKETPAIR("socketpair"),
    /** The connected peer's uid and gid ({@code SO_PEERCRED}, {@link UnixSocket#peerCredentials()}). */
    PEER_CREDENTIALS("peer credentials"),
    /** The connected peer's process id as part of {@link PeerCredentials}. */
    PEER_PID("peer pid"),
    /** Sending and receiving open file descriptors with a message ({@code SCM_RIGHTS}). */
    DESCRIPTOR_PASSING("descriptor passing (SCM_RIGHTS)"),
    /** Per-message sender credentials ({@code SO_PASSCRED}, {@code SCM_CREDENTIALS}). */
    CREDENTIAL_PASSING("credential passing (SCM_CREDENTIALS)"),
    /** A time limit on blocking receives and accepts ({@link UnixSocketOption#RECEIVE_TIMEOUT}). */
    RECEIVE_TIMEOUT("receive timeout"),
    /** A time limit on blocking sends ({@link UnixSocketOption#SEND_TIMEOUT}). */
    SEND_TIMEOUT("send timeout"),
    /** Reading and setting {@code SO_SNDBUF} and {@code SO_RCVBUF}. */
    BUFFER_SIZES("buffer sizes"),
    /** Reading data without removing it ({@code MSG_PEEK}, {@link UnixSocket#peek(java.nio.ByteBuffer)}). */
    PEEK("peek"),
    /** Moving the peek position ({@code SO_PEEK_OFF}, {@link UnixSocketOption#PEEK_OFFSET}). */
    PEEK_OFFSET("peek offset"),
    /** The number of bytes waiting to be read ({@code SIOCINQ}, {@link UnixSocket#available()}). */
    BYTES_AVAILABLE("bytes available (SIOCINQ)"),
    /**
     * Datagrams sent to an address and received with their sender's address on an unconnected
     * DGRAM socket ({@code sendto(2)}, {@code recvfrom(2)}), and dissolving a DGRAM association
     * ({@link UnixSocket#sendTo}, {@link UnixSocket#receiveFrom}, {@link UnixSocket#disconnect()}).
     */
    ADDRESSED_DATAGRAMS("addressed datagrams (sendto, recvfrom)"),
    /**
     * Many DGRAM or SEQPACKET messages in one system call ({@code sendmmsg(2)}, {@code recvmmsg(2)}):
     * {@link UnixSocket#sendBatch} and {@link UnixSocket#receiveBatch} with a {@link MessageBatch}.
     */
    BATCHES("message batches (sendmmsg, recvmmsg)"),
    /**
     * Taking an inherited descriptor number as a {@link UnixSocket}, checked to be an AF_UNIX
     * socket ({@code SO_DOMAIN}) of the expected type ({@code SO_TYPE}), and set close-on-exec
     * ({@link UnixDomain#adopt(int)}): how a service takes the sockets systemd opened for it.
     */
    ADOPT_DESCRIPTOR("adopting an inherited descriptor"),
    /**
     * The connected peer as a process handle that no pid reuse can fool ({@code SO_PEERPIDFD},
     * Linux 6.5+; {@link UnixSocket#peerProcess()}). Not declared on older kernels.
     */
    PEER_PIDFD("peer pidfd (SO_PEERPIDFD)"),
    /**
     * Each received message's sender as a process handle that no pid reuse can fool
     * ({@code SO_PASSPIDFD} and {@code SCM_PIDFD}, Linux 6.5+; {@link UnixSocketOption#PASS_PIDFD},
     * {@link ReceivedMessage#senderProcess()}). Not declared on older kernels.
     */
    SENDER_PIDFD("sender pidfd per message (SO_PASSPIDFD, SCM_PIDFD)"),
    /**
     * The connected peer's security label ({@code SO_PEERSEC}, {@link UnixSocket#peerSecurityLabel()})
     * and each received message's ({@code SO_PASSSEC}, {@link UnixSocketOption#PASS_SECURITY},
     * {@link ReceivedMessage#securityLabel()}): empty where no security module labels sockets.
     */
    PEER_SECURITY_LABEL("peer security label (SO_PEERSEC, SO_PASSSEC)");

    private final String description;

    Capability(String description) {
        this.description = description;
    }

    /**
     * A short description for messages, such as {@code "descriptor passing (SCM_RIGHTS)"}.
     *
     * @return the description
     */
    public String description() {
        return description;
    }
}
