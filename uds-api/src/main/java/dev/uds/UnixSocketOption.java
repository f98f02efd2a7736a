package dev.uds;

import java.net.SocketOption;
import java.time.Duration;

/**
 * The socket options of an AF_UNIX socket, each tied to the {@link Capability} a backend must
 * declare to offer it. A value outside an option's valid range (given with each option) throws
 * {@link IllegalArgumentException} before any system call, on every backend.
 *
 * @param <T> the type of the option's value
 * @see UnixSocket#setOption(UnixSocketOption, Object)
 * @see "socket(7), unix(7): Socket options"
 */
public final class UnixSocketOption<T> implements SocketOption<T> {

    /**
     * How long a receive or accept may block before it fails with
     * {@link java.net.SocketTimeoutException}; {@link Duration#ZERO} blocks without limit
     * ({@code SO_RCVTIMEO}). A negative duration throws {@link IllegalArgumentException}. A
     * positive one is rounded up to what the kernel keeps (whole microseconds, then clock ticks),
     * never down to zero, which would mean no limit: reading the option returns what is kept, at
     * least what was set.
     */
    public static final UnixSocketOption<Duration> RECEIVE_TIMEOUT =
            new UnixSocketOption<>("SO_RCVTIMEO", Duration.class, Capability.RECEIVE_TIMEOUT);

    /**
     * How long a send, or a connect waiting for room in a full listen backlog, may block before
     * it fails with {@link UnixSocketTimeoutException} ({@code EAGAIN}); {@link Duration#ZERO}
     * blocks without limit ({@code SO_SNDTIMEO}). A connect that times out leaves the socket open
     * and unconnected, so it may connect again. Its values follow the rules of
     * {@link #RECEIVE_TIMEOUT}.
     *
     * @see UnixSocket#connect(UnixAddress)
     */
    public static final UnixSocketOption<Duration> SEND_TIMEOUT =
            new UnixSocketOption<>("SO_SNDTIMEO", Duration.class, Capability.SEND_TIMEOUT);

    /**
     * The send buffer size in bytes ({@code SO_SNDBUF}). Valid values are 1 and more; 0 and
     * negative values throw {@link IllegalArgumentException} before any system call, and leave
     * the size as it was. The kernel doubles what is set, for its bookkeeping, and keeps the
     * result between its minimum and twice {@code net.core.wmem_max}; reading the option gives that
     * result, the kernel's own figure, on every backend.
     */
    public static final UnixSocketOption<Integer> SEND_BUFFER_SIZE =
            new UnixSocketOption<>("SO_SNDBUF", Integer.class, Capability.BUFFER_SIZES);

    /**
     * The receive buffer size in bytes ({@code SO_RCVBUF}). Its values follow the rules of
     * {@link #SEND_BUFFER_SIZE}, the maximum being twice {@code net.core.rmem_max}.
     */
    public static final UnixSocketOption<Integer> RECEIVE_BUFFER_SIZE =
            new UnixSocketOption<>("SO_RCVBUF", Integer.class, Capability.BUFFER_SIZES);

    /**
     * Whether each received message carries its sender's credentials ({@code SO_PASSCRED}); see
     * {@link ReceivedMessage#credentials()}.
     */
    public static final UnixSocketOption<Boolean> PASS_CREDENTIALS =
            new UnixSocketOption<>("SO_PASSCRED", Boolean.class, Capability.CREDENTIAL_PASSING);

    /**
     * The offset at which {@link UnixSocket#peek(java.nio.ByteBuffer)} reads; -1 turns it off
     * ({@code SO_PEEK_OFF}). Values below -1 throw {@link IllegalArgumentException}.
     */
    public static final UnixSocketOption<Integer> PEEK_OFFSET =
            new UnixSocketOption<>("SO_PEEK_OFF", Integer.class, Capability.PEEK_OFFSET);

    /**
     * Whether this socket accepts descriptors ({@code SCM_RIGHTS}) from its peers
     * ({@code SO_PASSRIGHTS}); true by default. Turned off, a peer's send that carries descriptors
     * fails with {@link PermissionDeniedException} ({@code EPERM}) and nothing of that message is
     * delivered, so a server can refuse descriptors from clients it does not trust. Linux 6.16 and
     * later; an older kernel fails to set or read it with {@code ENOPROTOOPT}.
     */
    public static final UnixSocketOption<Boolean> PASS_DESCRIPTORS =
            new UnixSocketOption<>("SO_PASSRIGHTS", Boolean.class, Capability.DESCRIPTOR_PASSING);

    /**
     * Whether each received message carries the security label of the socket that sent it
     * ({@code SO_PASSSEC}, Linux 2.6.18 and later; the label comes as {@code SCM_SECURITY}); see
     * {@link ReceivedMessage#securityLabel()}. Offered with {@link Capability#PEER_SECURITY_LABEL}.
     * Where no security module labels sockets (the kernel then answers {@code SO_PEERSEC} with
     * {@code ENOPROTOOPT}, and {@link UnixSocket#peerSecurityLabel()} is empty) the option can
     * still be set, but messages come without a label.
     */
    public static final UnixSocketOption<Boolean> PASS_SECURITY =
            new UnixSocketOption<>("SO_PASSSEC", Boolean.class, Capability.PEER_SECURITY_LABEL);

    /**
     * Whether each received message carries its sender's process as a pidfd ({@code SO_PASSPIDFD},
     * Linux 6.5 and later; the pidfd comes as {@code SCM_PIDFD}); see
     * {@link ReceivedMessage#senderProcess()}, owned by the message. Off by default. Offered with
     * {@link Capability#SENDER_PIDFD}, which is not declared on older kernels; a kernel that
     * reports 6.5 or later but lacks the option fails to set it with {@code ENOPROTOOPT}, saying
     * so. Only {@link UnixSocket#receiveMessage(java.nio.ByteBuffer, int)} takes the pidfd: the
     * plain receives ask for no ancillary data, so the kernel makes none for them.
     */
    public static final UnixSocketOption<Boolean> PASS_PIDFD =
            new UnixSocketOption<>("SO_PASSPIDFD", Boolean.class, Capability.SENDER_PIDFD);

    private static final java.util.List<UnixSocketOption<?>> ALL = java.util.List.of(RECEIVE_TIMEOUT, SEND_TIMEOUT,
            SEND_BUFFER_SIZE, RECEIVE_BUFFER_SIZE, PASS_CREDENTIALS, PEEK_OFFSET, PASS_DESCRIPTORS, PASS_SECURITY,
            PASS_PIDFD);

    /**
     * Every option, in the order of this class.
     *
     * @return the options
     */
    public static java.util.List<UnixSocketOption<?>> all() {
        return ALL;
    }

    private final String name;
    private final Class<T> type;
    private final Capability capability;

    private UnixSocketOption(String name, Class<T> type, Capability capability) {
        this.name = name;
        this.type = type;
        this.capability = capability;
    }

    /** The option's name as in socket(7), such as {@code "SO_RCVTIMEO"}. */
    @Override
    public String name() {
        return name;
    }

    /** The type of the option's value. */
    @Override
    public Class<T> type() {
        return type;
    }

    /**
     * The capability a backend declares when it offers this option.
     *
     * @return the capability
     */
    public Capability capability() {
        return capability;
    }

    /** The option's name. */
    @Override
    public String toString() {
        return name;
    }
}
