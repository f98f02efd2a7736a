package dev.uds.backend.jnr;

import dev.uds.Capability;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.internal.Errors;
import dev.uds.linux.Linux;
import dev.uds.linux.LinuxBackend;
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
     * What this backend declares: all that the core's socket implements
     * ({@link LinuxBackend#CALLS}), with the options of the core's table, less what this kernel
     * lacks ({@link LinuxBackend#capabilities}).
     */
    static final Set<Capability> CAPABILITIES = LinuxBackend.capabilities(LinuxBackend.CALLS);
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
        return JnrUnixSocket.BACKEND.open(type);
    }

    @Override
    public SocketPair pair(SocketType type) throws IOException {
        return JnrUnixSocket.BACKEND.pair(type);
    }

    @Override
    public UnixSocket adopt(int fd, SocketType type, boolean listening) throws IOException {
        return JnrUnixSocket.BACKEND.adopt(fd, type, listening);
    }
}
