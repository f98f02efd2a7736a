package dev.uds.backend.jdk;

import dev.uds.Capability;
import dev.uds.UnixAddress;
import dev.uds.UnsupportedFeatureException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

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

    /** The path of a pathname address; other kinds need a capability the JDK lacks. */
    static UnixAddress.Pathname pathOf(UnixAddress address, Capability forUnnamed) {
        if (address instanceof UnixAddress.Pathname pathname) {
            return pathname;
        }
        throw UnsupportedFeatureException.of(JdkProvider.NAME,
                address instanceof UnixAddress.Abstract ? Capability.ABSTRACT_NAMESPACE : forUnnamed);
    }
}
