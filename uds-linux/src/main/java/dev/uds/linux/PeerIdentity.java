package dev.uds.linux;

import dev.uds.Capability;
import dev.uds.PeerProcess;
import dev.uds.internal.Errors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who the peer is beyond {@code SO_PEERCRED}: its process as a pidfd ({@code SO_PEERPIDFD},
 * {@link PeerProcess}), which kernels have it, and its security label ({@code SO_PEERSEC}). The
 * backends reach these through their {@link Syscalls}; what the calls mean is written here once.
 */
public final class PeerIdentity {
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");
    /** {@code SO_PEERPIDFD} and {@code SO_PASSPIDFD} came with Linux 6.5. */
    private static final boolean KERNEL_HAS_PIDFDS = kernelAtLeast(System.getProperty("os.version", ""), 6, 5);
    /** A label larger than this is not a label: the loop that grows the buffer stops there. */
    private static final int LARGEST_LABEL = 1 << 16;

    private PeerIdentity() {
    }

    /**
     * Whether a kernel release ({@code uname -r}, such as {@code 6.1.0-18-amd64}) is at least a
     * version.
     *
     * @param release the release
     * @param major   the major version
     * @param minor   the minor version
     * @return true if at least that version; false for a release that does not start with one
     */
    public static boolean kernelAtLeast(String release, int major, int minor) {
        Matcher m = VERSION.matcher(release);
        if (!m.find()) {
            return false;
        }
        int actualMajor = Integer.parseInt(m.group(1));
        return actualMajor > major || (actualMajor == major && Integer.parseInt(m.group(2)) >= minor);
    }

    /**
     * A backend's capabilities as this kernel has them: {@link Capability#PEER_PIDFD} and
     * {@link Capability#SENDER_PIDFD} taken out before Linux 6.5, which has neither
     * {@code SO_PEERPIDFD} nor {@code SO_PASSPIDFD}.
     *
     * @param declared what the backend's calls implement
     * @return a new set
     */
    public static Set<Capability> onThisKernel(Set<Capability> declared) {
        Set<Capability> here = EnumSet.noneOf(Capability.class);
        here.addAll(declared);
        if (!KERNEL_HAS_PIDFDS) {
            here.remove(Capability.PEER_PIDFD);
            here.remove(Capability.SENDER_PIDFD);
        }
        return here;
    }

    /**
     * The connected peer's process ({@link dev.uds.UnixSocket#peerProcess()}).
     *
     * @param socket the socket's descriptor
     * @param label  what the socket is, for messages
     * @param calls  the backend's binding
     * @return the pidfd, owned by the caller
     * @throws java.nio.channels.ClosedChannelException if the socket is closed
     * @throws IOException {@code ENOTCONN} for a socket with no peer, {@code ESRCH} for a peer
     *                     that has exited and been reaped
     */
    public static PeerProcess peerProcess(Descriptor socket, Object label, Syscalls calls) throws IOException {
        int fd = socket.begin();
        try {
            long pidfd = calls.intOption(fd, Linux.SO_PEERPIDFD);
            if (pidfd < 0) {
                IOException closed = socket.closedMeanwhile();
                throw closed != null ? closed : pidfdFailure(label, (int) -pidfd);
            }
            return Pidfd.of((int) pidfd, calls);
        } finally {
            socket.end();
        }
    }

    /** ENODATA means no peer (reported as ENOTCONN, as for SO_PEERCRED); ESRCH that the peer is gone. */
    private static IOException pidfdFailure(Object label, int errno) {
        if (errno == Linux.ENODATA) {
            return Errors.exception("getsockopt SO_PEERPIDFD", label, Linux.ENOTCONN, "the socket has no peer");
        }
        return Errors.exception("getsockopt SO_PEERPIDFD", label, errno,
                errno == Linux.ESRCH ? "the peer process has exited and been reaped" : null);
    }

    /**
     * The connected peer's security label ({@link dev.uds.UnixSocket#peerSecurityLabel()}):
     * empty on {@code ENOPROTOOPT} (no security module labels sockets); a buffer too small
     * ({@code ERANGE}) is doubled.
     *
     * @param socket the socket's descriptor
     * @param label  what the socket is, for messages
     * @param calls  the backend's binding
     * @return the label
     * @throws java.nio.channels.ClosedChannelException if the socket is closed
     * @throws IOException if the call fails
     */
    public static String securityLabel(Descriptor socket, Object label, Syscalls calls) throws IOException {
        int fd = socket.begin();
        try {
            int size = 256;
            while (true) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
                int length = calls.getsockopt(fd, Linux.SO_PEERSEC, buffer);
                if (length >= 0) {
                    return decodeLabel(buffer, length);
                }
                int errno = -length;
                if (errno == Linux.ENOPROTOOPT) {
                    return "";
                }
                if (errno != Linux.ERANGE || size >= LARGEST_LABEL) {
                    IOException closed = socket.closedMeanwhile();
                    throw closed != null ? closed : Errors.exception("getsockopt SO_PEERSEC", label, errno);
                }
                size *= 2;
            }
        } finally {
            socket.end();
        }
    }

    /**
     * A security label as {@code getsockopt(SO_PEERSEC)} returned it: text, perhaps ending with
     * NULs that are not part of it.
     *
     * @param buffer the buffer, from index 0
     * @param length the length the call returned
     * @return the label
     */
    static String decodeLabel(ByteBuffer buffer, int length) {
        int end = Math.min(length, buffer.capacity());
        while (end > 0 && buffer.get(end - 1) == 0) {
            end--;
        }
        byte[] bytes = new byte[end];
        buffer.get(0, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
