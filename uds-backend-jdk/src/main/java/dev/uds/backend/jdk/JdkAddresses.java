package dev.uds.backend.jdk;

import dev.uds.Capability;
import dev.uds.UnixAddress;
import dev.uds.UnsupportedFeatureException;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * Between uds's addresses and the JDK's: the JDK knows only pathnames, so the other kinds are
 * capabilities the {@code jdk} backend does not declare.
 */
final class JdkAddresses {
    private JdkAddresses() {
    }

    /** A JDK address as uds's; the JDK reports an unbound peer with an empty path. */
    static UnixAddress toAddress(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress unix && !unix.getPath().toString().isEmpty()) {
            return UnixAddress.of(unix.getPath());
        }
        return UnixAddress.unnamed();
    }

    /**
     * The peer's address: as given to connect if it was, since the JDK may report a shortened one
     * (see {@link ShortPath}); else as the JDK reports it.
     *
     * @param connected   the connected channel
     * @param connectedTo the address given to connect, or null (an accepted connection)
     */
    static UnixAddress remote(SocketChannel connected, UnixAddress connectedTo) throws IOException {
        if (connectedTo != null) {
            return connectedTo;
        }
        try {
            return toAddress(connected.getRemoteAddress());
        } catch (IOException e) {
            throw JdkErrors.translate("getpeername", null, e);
        }
    }

    /** The peer's address for an error message, as {@link #remote} but never failing; null when there is no channel. */
    static Object remoteForMessage(SocketChannel channel, UnixAddress connectedTo) {
        try {
            return channel == null && connectedTo == null ? null : remote(channel, connectedTo);
        } catch (IOException e) {
            return "(peer address unknown: " + e.getMessage() + ")";
        }
    }

    /** The path of a pathname address; other kinds need a capability the JDK lacks. */
    static UnixAddress.Pathname pathOf(UnixAddress address, Capability forUnnamed) {
        if (address instanceof UnixAddress.Pathname pathname) {
            return pathname;
        }
        throw UnsupportedFeatureException.of(JdkProvider.NAME,
                address instanceof UnixAddress.Abstract ? Capability.ABSTRACT_NAMESPACE : forUnnamed);
    }
}
