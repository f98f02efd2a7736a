package dev.uds.backend.ffm;

import dev.uds.Capability;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.UnsupportedFeatureException;
import dev.uds.linux.Adoption;
import dev.uds.linux.PeerIdentity;
import dev.uds.linux.SocketOptions;
import dev.uds.spi.UnixDomainProvider;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code ffm} backend: every socket type and capability of unix(7), on Linux x86_64 and
 * aarch64, through libc and the FFM API. Its priority (30, above the {@code jdk} backend's 10)
 * makes it the default wherever it is available.
 */
public final class FfmProvider implements UnixDomainProvider {
    static final String NAME = "ffm";

    /**
     * What this backend's own calls implement, each passing the TCK; the options of the core's
     * table are added ({@link SocketOptions#withOptions}), and {@code PEER_PIDFD} is taken out on
     * a kernel before 6.5 ({@link PeerIdentity#onThisKernel}).
     */
    static final Set<Capability> CALLS = EnumSet.of(Capability.ABSTRACT_NAMESPACE, Capability.AUTOBIND,
            Capability.SOCKETPAIR, Capability.PEER_CREDENTIALS, Capability.PEER_PID, Capability.DESCRIPTOR_PASSING,
            Capability.CREDENTIAL_PASSING, Capability.PEEK, Capability.BYTES_AVAILABLE, Capability.ADOPT_DESCRIPTOR,
            Capability.PEER_PIDFD, Capability.PEER_SECURITY_LABEL, Capability.ADDRESSED_DATAGRAMS,
            Capability.BATCHES);
    static final Set<Capability> CAPABILITIES = SocketOptions.withOptions(PeerIdentity.onThisKernel(CALLS));

    /** Creates the provider; cheap, as ServiceLoader requires. */
    public FfmProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 30;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Optional.ofNullable(FfmAvailability.CAUSE);
    }

    @Override
    public Set<SocketType> socketTypes() {
        return EnumSet.allOf(SocketType.class);
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /** Refuses, before any system call, a capability this backend does not declare. */
    static void require(Capability capability) {
        if (!CAPABILITIES.contains(capability)) {
            throw UnsupportedFeatureException.of(NAME, capability);
        }
    }

    @Override
    public UnixSocket open(SocketType type) throws IOException {
        return FfmConnections.open(type);
    }

    @Override
    public SocketPair pair(SocketType type) throws IOException {
        return FfmConnections.pair(type);
    }

    @Override
    public UnixSocket adopt(int fd, SocketType type, boolean listening) throws IOException {
        return new FfmUnixSocket(fd, Adoption.take(fd, type, listening, FfmSyscalls.INSTANCE), "inherited fd " + fd);
    }
}
