package dev.uds.backend.ffm;

import dev.uds.Capability;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.linux.LinuxBackend;
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
     * What this backend declares: all that the core's socket implements
     * ({@link LinuxBackend#CALLS}), with the options of the core's table, less what this kernel
     * lacks ({@link LinuxBackend#capabilities}).
     */
    static final Set<Capability> CAPABILITIES = LinuxBackend.capabilities(LinuxBackend.CALLS);

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

    @Override
    public UnixSocket open(SocketType type) throws IOException {
        return FfmUnixSocket.BACKEND.open(type);
    }

    @Override
    public SocketPair pair(SocketType type) throws IOException {
        return FfmUnixSocket.BACKEND.pair(type);
    }

    @Override
    public UnixSocket adopt(int fd, SocketType type, boolean listening) throws IOException {
        return FfmUnixSocket.BACKEND.adopt(fd, type, listening);
    }
}
