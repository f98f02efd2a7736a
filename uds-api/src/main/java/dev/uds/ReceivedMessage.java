package dev.uds;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What one receive produced: the count of bytes, the message's real length, and the ancillary
 * data that came with it. Closing it closes every received descriptor not yet adopted or closed,
 * and the sender's pidfd ({@link #senderProcess()}) if one came: a message that carries either
 * must be closed, as a try-with-resources does.
 *
 * @see UnixSocket#receiveMessage(java.nio.ByteBuffer, int)
 * @see "recvmsg(2), unix(7): Ancillary messages"
 */
public final class ReceivedMessage implements Closeable {
    private final int bytes;
    private final int messageLength;
    private final List<ReceivedDescriptor> descriptors;
    private final boolean descriptorsTruncated;
    private final PeerCredentials credentials;
    private final UnixAddress sender;
    private final String securityLabel;
    private final PeerProcess senderProcess;

    /**
     * Creates the result of a receive.
     *
     * @param bytes                the bytes placed in the buffer, or -1 at end of stream
     * @param messageLength        the real length of the message; larger than {@code bytes} when
     *                             the message was truncated
     * @param descriptors          the descriptors received
     * @param descriptorsTruncated whether the kernel dropped ancillary data ({@code MSG_CTRUNC})
     * @param credentials          the sender's credentials, or null
     */
    public ReceivedMessage(int bytes, int messageLength, List<ReceivedDescriptor> descriptors,
                           boolean descriptorsTruncated, PeerCredentials credentials) {
        this(bytes, messageLength, descriptors, descriptorsTruncated, credentials, null);
    }

    /**
     * Creates the result of a receive that knows its sender.
     *
     * @param bytes                the bytes placed in the buffer, or -1 at end of stream
     * @param messageLength        the real length of the message
     * @param descriptors          the descriptors received
     * @param descriptorsTruncated whether the kernel dropped ancillary data ({@code MSG_CTRUNC})
     * @param credentials          the sender's credentials, or null
     * @param sender               the sender's address, or null when the backend does not report it
     */
    public ReceivedMessage(int bytes, int messageLength, List<ReceivedDescriptor> descriptors,
                           boolean descriptorsTruncated, PeerCredentials credentials, UnixAddress sender) {
        this(bytes, messageLength, descriptors, descriptorsTruncated, credentials, sender, null);
    }

    /**
     * Creates the result of a receive that knows its sender and may carry its security label.
     *
     * @param bytes                the bytes placed in the buffer, or -1 at end of stream
     * @param messageLength        the real length of the message
     * @param descriptors          the descriptors received
     * @param descriptorsTruncated whether the kernel dropped ancillary data ({@code MSG_CTRUNC})
     * @param credentials          the sender's credentials, or null
     * @param sender               the sender's address, or null when the backend does not report it
     * @param securityLabel        the sending socket's security label ({@code SCM_SECURITY}), or
     *                             null (or empty) when none came
     */
    public ReceivedMessage(int bytes, int messageLength, List<ReceivedDescriptor> descriptors,
                           boolean descriptorsTruncated, PeerCredentials credentials, UnixAddress sender,
                           String securityLabel) {
        this(bytes, messageLength, descriptors, descriptorsTruncated, credentials, sender, securityLabel, null);
    }

    /**
     * Creates the result of a receive that may carry its sender's security label and process.
     *
     * @param bytes                the bytes placed in the buffer, or -1 at end of stream
     * @param messageLength        the real length of the message
     * @param descriptors          the descriptors received
     * @param descriptorsTruncated whether the kernel dropped ancillary data ({@code MSG_CTRUNC})
     * @param credentials          the sender's credentials, or null
     * @param sender               the sender's address, or null when the backend does not report it
     * @param securityLabel        the sending socket's security label ({@code SCM_SECURITY}), or
     *                             null (or empty) when none came
     * @param senderProcess        the sender's pidfd ({@code SCM_PIDFD}), owned by the message from
     *                             now on, or null when none came
     */
    public ReceivedMessage(int bytes, int messageLength, List<ReceivedDescriptor> descriptors,
                           boolean descriptorsTruncated, PeerCredentials credentials, UnixAddress sender,
                           String securityLabel, PeerProcess senderProcess) {
        this.senderProcess = senderProcess;
        this.sender = sender;
        this.securityLabel = securityLabel == null || securityLabel.isEmpty() ? null : securityLabel;
        this.bytes = bytes;
        this.messageLength = messageLength;
        this.descriptors = List.copyOf(descriptors);
        this.descriptorsTruncated = descriptorsTruncated;
        this.credentials = credentials;
    }

    /**
     * {@link UnixSocket#receiveMessage} on a backend without ancillary data: a plain receive, its
     * truncation reported rather than thrown; asking for descriptors is refused before the call.
     */
    static ReceivedMessage withoutAncillary(UnixSocket socket, java.nio.ByteBuffer dst, int maxDescriptors)
            throws IOException {
        if (maxDescriptors > 0) {
            throw UnsupportedFeatureException.of(socket.backend(), Capability.DESCRIPTOR_PASSING);
        }
        int n;
        try {
            n = socket.receive(dst);
        } catch (MessageTruncatedException e) {
            return new ReceivedMessage(e.received(), e.messageLength(), List.of(), false, null);
        }
        return new ReceivedMessage(n, n, List.of(), false, null);
    }

    /**
     * The bytes placed in the buffer.
     *
     * @return the count, or -1 at end of stream
     */
    public int bytes() {
        return bytes;
    }

    /**
     * The length of the message as sent. For STREAM sockets, the same as {@link #bytes()}.
     *
     * @return the length, or -1 at end of stream
     */
    public int messageLength() {
        return messageLength;
    }

    /**
     * Whether the message was longer than the buffer, so that its end was discarded
     * ({@code MSG_TRUNC}).
     *
     * @return true if truncated
     */
    public boolean truncated() {
        return messageLength > bytes;
    }

    /**
     * The descriptors that came with the message, in the order sent. Each is owned by the caller.
     *
     * @return the descriptors, possibly empty
     */
    public List<ReceivedDescriptor> descriptors() {
        return descriptors;
    }

    /**
     * Whether the sender sent more ancillary data than the receive allowed for
     * ({@code MSG_CTRUNC}). Descriptors that did not fit were closed by the kernel or by uds,
     * never leaked.
     *
     * @return true if ancillary data was dropped
     */
    public boolean descriptorsTruncated() {
        return descriptorsTruncated;
    }

    /**
     * The sender's credentials, when {@link UnixSocketOption#PASS_CREDENTIALS} is on. A message
     * sent while neither end had it on carries none from its sender: the kernel then reports
     * pid 0 and the overflow ids ({@code /proc/sys/kernel/overflowuid} and {@code overflowgid},
     * usually 65534), and they come without pid. So does a sender outside this process's pid
     * namespace, whose pid the kernel reports as 0.
     *
     * @return the credentials, or empty
     */
    public Optional<PeerCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /**
     * The security label of the socket that sent the message ({@code SCM_SECURITY}), when
     * {@link UnixSocketOption#PASS_SECURITY} is on: the same text as the sender's
     * {@link UnixSocket#peerSecurityLabel()} seen from this end, such as an SELinux context.
     * Empty where no security module labels sockets (the kernel then sends none: the usual case
     * without SELinux or Smack), when the option is off, and on backends without
     * {@link Capability#PEER_SECURITY_LABEL}.
     *
     * @return the label, or empty
     */
    public Optional<String> securityLabel() {
        return Optional.ofNullable(securityLabel);
    }

    /**
     * The process that sent the message, held by a pidfd ({@code SCM_PIDFD}), when
     * {@link UnixSocketOption#PASS_PIDFD} is on: unlike the pid of {@link #credentials()}, it
     * cannot come to mean another process once the sender has exited. It is owned by this message
     * and closed with it (closing it earlier is allowed); a caller that keeps it longer keeps the
     * message open. Its {@link PeerProcess#pid() pid} is -1 when the sender had already exited and
     * been reaped when the message was received, and {@link PeerProcess#isAlive()} then false.
     * Empty when the option is off, when the ancillary data was cut ({@link #descriptorsTruncated()}:
     * the kernel puts the pidfd after the descriptors, and makes none where it does not fit), when
     * the kernel could not make one (an older kernel, for a sender already reaped, sends an error
     * number in its place), and on backends without {@link Capability#SENDER_PIDFD}.
     *
     * @return the sender's process, or empty
     */
    public Optional<PeerProcess> senderProcess() {
        return Optional.ofNullable(senderProcess);
    }

    /**
     * The address of the socket that sent the message ({@code msg_name} of {@code recvmsg(2)}):
     * a pathname, an abstract name, or {@link UnixAddress#unnamed()} when the sender is not bound.
     * Reported by backends that declare {@link Capability#ADDRESSED_DATAGRAMS}, for every socket
     * type; at end of stream, unnamed.
     *
     * @return the sender, or empty where the backend does not report it
     */
    public Optional<UnixAddress> sender() {
        return Optional.ofNullable(sender);
    }

    /**
     * Closes every received descriptor still open, and the sender's pidfd.
     *
     * @throws IOException if closing one fails; the others are still closed
     */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (ReceivedDescriptor d : descriptors) {
            failure = closeKeepingFirstFailure(d, failure);
        }
        if (senderProcess != null) {
            failure = closeKeepingFirstFailure(senderProcess, failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static IOException closeKeepingFirstFailure(Closeable owned, IOException failure) {
        try {
            owned.close();
        } catch (IOException e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
        }
        return failure;
    }
}
