package dev.uds;

import dev.uds.spi.UnixDomainProvider;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Providers that exist only to be chosen among: the selection tests never open a socket on them.
 * Real sockets are tested by the TCK on each real backend.
 */
final class StandInProviders {
    private StandInProviders() {
    }

    abstract static class StandIn implements UnixDomainProvider {
        private final String name;
        private final int priority;
        private final Set<SocketType> types;
        private final Set<Capability> capabilities;

        StandIn(String name, int priority, Set<SocketType> types, Set<Capability> capabilities) {
            this.name = name;
            this.priority = priority;
            this.types = types;
            this.capabilities = capabilities;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public Optional<Throwable> unavailabilityCause() {
            return Optional.empty();
        }

        @Override
        public Set<SocketType> socketTypes() {
            return types;
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }

        @Override
        public UnixSocket open(SocketType type) {
            throw new UnsupportedOperationException("stand-in provider " + name + " opens no socket");
        }

        @Override
        public SocketPair pair(SocketType type) {
            throw new UnsupportedOperationException("stand-in provider " + name + " opens no socket");
        }
    }

    /** STREAM and DGRAM, low priority. */
    public static final class Alpha extends StandIn {
        public Alpha() {
            super("alpha", 10, EnumSet.of(SocketType.STREAM, SocketType.DGRAM), EnumSet.noneOf(Capability.class));
        }
    }

    /** STREAM and SEQPACKET with socketpair, higher priority. */
    public static final class Beta extends StandIn {
        public Beta() {
            super("beta", 20, EnumSet.of(SocketType.STREAM, SocketType.SEQPACKET), EnumSet.of(Capability.SOCKETPAIR));
        }
    }

    /** Everything, the highest priority, but unavailable here. */
    public static final class Gamma extends StandIn {
        public Gamma() {
            super("gamma", 99, EnumSet.allOf(SocketType.class), EnumSet.allOf(Capability.class));
        }

        @Override
        public Optional<Throwable> unavailabilityCause() {
            return Optional.of(new UnsupportedOperationException("gamma needs an operating system this is not"));
        }
    }

    /** A provider whose class cannot be initialized, as one compiled for a newer Java would fail. */
    public static final class Broken extends StandIn {
        static {
            if (Boolean.parseBoolean("true")) {
                throw new IllegalStateException("Broken provider's static initializer fails");
            }
        }

        public Broken() {
            super("broken", 50, EnumSet.allOf(SocketType.class), EnumSet.noneOf(Capability.class));
        }
    }
}
