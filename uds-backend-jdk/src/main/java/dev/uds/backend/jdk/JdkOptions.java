package dev.uds.backend.jdk;

import dev.uds.PeerCredentials;
import dev.uds.UnixAddress;
import dev.uds.UnixSocketOption;
import dev.uds.UnsupportedFeatureException;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The JDK's equivalents of uds's socket options, and the value rules the JDK does not check
 * itself: it lets a buffer size of 0 through to {@code setsockopt(2)}, which uds refuses.
 * Timeouts, which the JDK lacks, are {@link JdkTimeouts}'. And the peer's credentials, the
 * JDK's {@code SO_PEERCRED}.
 */
final class JdkOptions {
    private JdkOptions() {
    }

    static <T> void set(NetworkChannel channel, UnixSocketOption<T> option, T value, UnixAddress local) throws IOException {
        java.util.Objects.requireNonNull(value, "value");
        SocketOption<T> jdk = jdkOption(option); // an undeclared option is refused as such first
        if (value instanceof Integer size && size < 1) {
            throw new IllegalArgumentException(option.name() + " out of range: " + size + " (valid: 1 and more)");
        }
        try {
            channel.setOption(jdk, value);
        } catch (IOException e) {
            throw JdkErrors.translate("setsockopt " + option, local, e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T get(NetworkChannel channel, UnixSocketOption<T> option, UnixAddress local) throws IOException {
        try {
            T value = channel.getOption(jdkOption(option));
            // On Linux the JDK halves what getsockopt(2) reports for SO_SNDBUF and SO_RCVBUF, to
            // give back what was set; uds reports the kernel's figure on every backend, and the
            // kernel's figures are even (it doubles what is set), so doubling restores it exactly.
            return value instanceof Integer size ? (T) Integer.valueOf(size * 2) : value;
        } catch (IOException e) {
            throw JdkErrors.translate("getsockopt " + option, local, e);
        }
    }

    /** SO_PEERCRED of the socket's connected channel: the JDK gives user and group names, and no pid. */
    static PeerCredentials peerCredentials(JdkUnixSocket socket, SocketChannel channel) throws IOException {
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return PeerCredentials.withoutPid(UserIds.uid(peer.user().getName()), UserIds.gid(peer.group().getName()));
        } catch (IOException e) {
            throw JdkErrors.translate("getsockopt SO_PEERCRED", socket.remoteForMessage(), e);
        }
    }

    /** The JDK's option for a uds option; those without one are undeclared capabilities. */
    @SuppressWarnings("unchecked")
    private static <T> SocketOption<T> jdkOption(UnixSocketOption<T> option) {
        if (option == UnixSocketOption.SEND_BUFFER_SIZE) {
            return (SocketOption<T>) StandardSocketOptions.SO_SNDBUF;
        }
        if (option == UnixSocketOption.RECEIVE_BUFFER_SIZE) {
            return (SocketOption<T>) StandardSocketOptions.SO_RCVBUF;
        }
        throw UnsupportedFeatureException.of(JdkProvider.NAME, option.capability());
    }
}
