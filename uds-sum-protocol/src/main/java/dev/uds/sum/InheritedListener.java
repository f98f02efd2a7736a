package dev.uds.sum;

import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A listening socket the server inherited (socket activation): its address, path or abstract
 * name, is whoever made it's, so the server neither moves nor removes it. The socket may also be
 * held by the service manager, which keeps listening after this server stops and starts it again
 * for the next client: so the server never shuts it down (see {@link SumServer#stop()}), and
 * clients that come after the stop stay in the backlog for the next server.
 */
final class InheritedListener implements ListenerEndpoint {
    private static final System.Logger LOG = System.getLogger(InheritedListener.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UnixAddress address;
    private final int ownerUid;
    private final UnixAddress marker;

    private InheritedListener(UnixAddress address, int ownerUid) {
        this.address = address;
        this.ownerUid = ownerUid;
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        // An abstract name: nothing to create or remove, and adopting backends all have them.
        this.marker = UnixAddress.abstractName("uds-sum-stop-" + HexFormat.of().formatHex(random));
    }

    /** The endpoint of an adopted listening socket. */
    static InheritedListener of(UnixSocket listener) throws IOException {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        return new InheritedListener(listener.localAddress(), uid);
    }

    @Override
    public Path path() {
        return address instanceof UnixAddress.Pathname pathname ? pathname.path() : null;
    }

    @Override
    public String description() {
        return address + " (inherited)";
    }

    @Override
    public int ownerUid() {
        return ownerUid;
    }

    @Override
    public UnixAddress withdraw() {
        if (address.equals(UnixAddress.unnamed())) {
            LOG.log(Level.WARNING, "the inherited listener has no address to queue the stop marker at");
            return null;
        }
        return address;
    }

    @Override
    public UnixAddress markerAddress() {
        return marker;
    }

    @Override
    public void removeWithdrawn() {
        // Nothing was moved.
    }

    @Override
    public void remove() {
        // Not this server's to remove.
    }

    @Override
    public String fateAtStop() {
        return "left to whoever made it";
    }
}
