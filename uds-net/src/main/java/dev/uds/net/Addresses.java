package dev.uds.net;

import dev.uds.UnixAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/** The one place where uds addresses and the JDK's {@link SocketAddress}es are turned into each other. */
final class Addresses {

    private Addresses() {
    }

    static UnixDomainSocketAddress toJdk(UnixAddress address) {
        if (address instanceof UnixAddress.Pathname p) {
            return UnixDomainSocketAddress.of(p.path());
        }
        if (address instanceof UnixAddress.Unnamed) {
            return UnixDomainSocketAddress.of(Path.of(""));
        }
        throw new IllegalArgumentException("the JDK's UnixDomainSocketAddress cannot express the abstract address "
                + address + "; use UnixSocketAddress.of(address)");
    }

    static UnixAddress fromJdk(UnixDomainSocketAddress address) {
        Path path = address.getPath();
        return path.toString().isEmpty() ? UnixAddress.unnamed() : UnixAddress.of(path);
    }

    /** The JDK's address where it can say it, else a {@link UnixSocketAddress}. */
    static SocketAddress toSocketAddress(UnixAddress address) {
        return address instanceof UnixAddress.Abstract ? UnixSocketAddress.of(address) : toJdk(address);
    }

    /** A Unix address given to {@code connect} or {@code bind}, or null for any other kind. */
    private static UnixAddress unixAddress(SocketAddress given) {
        if (given instanceof UnixDomainSocketAddress jdk) {
            return fromJdk(jdk);
        }
        if (given instanceof UnixSocketAddress uds) {
            return uds.address();
        }
        return null;
    }

    /** Where {@code connect(given)} goes: a Unix address as given, a host and port to the factory's address. */
    static UnixAddress connectTarget(SocketAddress given, StreamConnection connection) throws SocketException {
        UnixAddress address = unixAddress(given);
        if (address != null) {
            return address;
        }
        if (given instanceof InetSocketAddress) {
            return connection.target(given);
        }
        throw new IllegalArgumentException("a uds socket cannot connect to a " + given.getClass().getName()
                + ": " + given);
    }

    /** Where {@code bind(given)} goes; null asks for autobind, as the JDK's null asks for any address. */
    static UnixAddress bindTarget(SocketAddress given) throws SocketException {
        if (given == null) {
            return UnixAddress.unnamed();
        }
        UnixAddress address = unixAddress(given);
        if (address == null) {
            throw new SocketException("a uds socket cannot bind to " + given
                    + ": AF_UNIX has no IP addresses or ports; give a UnixDomainSocketAddress or UnixSocketAddress");
        }
        return address;
    }

    /** The peer's address for {@code getRemoteSocketAddress}, as read when it connected; null before. */
    static SocketAddress remote(StreamConnection connection) {
        UnixAddress peer = connection.peer();
        return peer == null ? null : toSocketAddress(peer);
    }

    /** The socket's address for {@code getLocalSocketAddress}, or null where the socket cannot say. */
    static SocketAddress local(StreamConnection connection) {
        try {
            return toSocketAddress(connection.socket.localAddress());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
