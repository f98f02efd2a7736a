package dev.uds.backend.jnr;

import dev.uds.Capability;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.UnsupportedFeatureException;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.internal.Errors;
import dev.uds.linux.Adoption;
import dev.uds.linux.Linux;
import dev.uds.linux.PeerIdentity;
import dev.uds.linux.SocketOptions;
import dev.uds.spi.UnixDomainProvider;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import jnr.ffi.Platform;

/** Registers the {@code jnr} backend with {@link dev.uds.UnixDomain}. */
public final class JnrProvider implements UnixDomainProvider {
    static final String NAME = "jnr";

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
    static final Set<SocketType> TYPES = EnumSet.allOf(SocketType.class);

    private static final class Availability {
        static final Optional<Throwable> CAUSE = probe();

        /** Linux on a 64-bit machine (the struct layouts of {@link dev.uds.linux.Structs}), and libc loads. */
        private static Optional<Throwable> probe() {
            try {
                Platform platform = Platform.getNativePlatform();
                if (platform.getOS() != Platform.OS.LINUX || platform.addressSize() != 64) {
                    return Optional.of(new UnsupportedOperationException("the jnr backend needs 64-bit Linux; this is "
                            + platform.getOS() + " " + platform.getCPU()));
                }
                int fd = JnrLibc.C.socket(Linux.AF_UNIX, Linux.SOCK_STREAM | Linux.SOCK_CLOEXEC, 0);
                if (fd < 0) {
                    return Optional.of(Errors.exception("socket AF_UNIX", null, JnrLibc.errno()));
                }
                JnrLibc.C.close(fd); // a probe that was never used: nothing to lose if close fails
                return Optional.empty();
            } catch (RuntimeException | LinkageError e) {
                return Optional.of(e);
            }
        }
    }

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public JnrProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Above {@code jdk}, which has STREAM only, and below {@code ffm}, which needs no jnr. */
    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Availability.CAUSE;
    }

    @Override
    public Set<SocketType> socketTypes() {
        return TYPES;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public UnixSocket open(SocketType type) throws IOException {
        int fd = JnrLibc.C.socket(Linux.AF_UNIX, Linux.socketType(type) | Linux.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw Errors.exception("socket AF_UNIX " + type, null, JnrLibc.errno());
        }
        return new JnrUnixSocket(fd, type, null);
    }

    @Override
    public SocketPair pair(SocketType type) throws IOException {
        require(Capability.SOCKETPAIR);
        int[] ends = new int[2];
        if (JnrLibc.C.socketpair(Linux.AF_UNIX, Linux.socketType(type) | Linux.SOCK_CLOEXEC, 0, ends) < 0) {
            throw Errors.exception("socketpair AF_UNIX " + type, null, JnrLibc.errno());
        }
        return new SocketPair(new JnrUnixSocket(ends[0], type, "(socketpair)"),
                new JnrUnixSocket(ends[1], type, "(socketpair)"));
    }

    @Override
    public UnixSocket adopt(int fd, SocketType type, boolean listening) throws IOException {
        return new JnrUnixSocket(fd, Adoption.take(fd, type, listening, JnrSyscalls.INSTANCE), "inherited fd " + fd);
    }

    /** Refuses, before any system call, a capability this backend does not declare. */
    static void require(Capability capability) {
        if (!CAPABILITIES.contains(capability)) {
            throw UnsupportedFeatureException.of(NAME, capability);
        }
    }
}
