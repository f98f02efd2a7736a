package dev.uds.doctor;

import dev.uds.Capability;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import dev.uds.spi.UnixDomainProvider;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A backend that really fails a check: it hands out the jdk backend's real sockets but declares
 * descriptor passing, which those sockets refuse. On the class path of DoctorIT's child JVMs
 * only (src/test/resources/META-INF/services), never in a product jar.
 */
public final class OverclaimingProvider implements UnixDomainProvider {

    /** Creates the provider, as ServiceLoader does. */
    public OverclaimingProvider() {
    }

    @Override
    public String name() {
        return "overclaiming";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Optional.empty();
    }

    @Override
    public Set<SocketType> socketTypes() {
        return EnumSet.of(SocketType.STREAM);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.PEER_CREDENTIALS, Capability.DESCRIPTOR_PASSING);
    }

    @Override
    public UnixSocket open(SocketType type) throws IOException {
        return UnixDomain.backend("jdk").open(type);
    }

    @Override
    public SocketPair pair(SocketType type) throws IOException {
        return UnixDomain.backend("jdk").pair(type);
    }
}
