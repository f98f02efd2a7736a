package dev.uds.backend.jdk;

import dev.uds.Capability;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.UnsupportedFeatureException;
import dev.uds.spi.UnixDomainProvider;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Registers the {@code jdk} backend with {@link dev.uds.UnixDomain}. */
public final class JdkProvider implements UnixDomainProvider {
    static final String NAME = "jdk";

    private static final class Availability {
        static final Optional<Throwable> CAUSE = probe();

        /** Opens one AF_UNIX channel: Windows builds and restricted sandboxes may refuse it. */
        private static Optional<Throwable> probe() {
            try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                return Optional.empty();
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.of(e);
            }
        }
    }

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public JdkProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Below {@code ffm} and {@code jnr}: the JDK's channels are the fallback that always works. */
    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Availability.CAUSE;
    }

    @Override
    public Set<SocketType> socketTypes() {
        return EnumSet.of(SocketType.STREAM);
    }

    /**
     * The JDK gives neither the peer's pid nor MSG_PEEK, SIOCINQ or ancillary data; timeouts,
     * which it lacks too, are uds's own ({@link JdkTimeouts}).
     */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.PEER_CREDENTIALS, Capability.BUFFER_SIZES,
                Capability.RECEIVE_TIMEOUT, Capability.SEND_TIMEOUT);
    }

    @Override
    public UnixSocket open(SocketType type) throws IOException {
        return new JdkUnixSocket();
    }

    @Override
    public SocketPair pair(SocketType type) {
        throw UnsupportedFeatureException.of(NAME, Capability.SOCKETPAIR);
    }
}
