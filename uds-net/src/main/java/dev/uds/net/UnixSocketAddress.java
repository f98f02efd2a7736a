package dev.uds.net;

import dev.uds.UnixAddress;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * A {@link SocketAddress} for any {@link UnixAddress}, abstract names included, which the JDK's
 * {@link java.net.UnixDomainSocketAddress} cannot express. The views return it only for abstract
 * names (a pathname comes back as a {@code UnixDomainSocketAddress}) and accept it wherever they
 * take an address: {@code socket.connect(UnixSocketAddress.of(UnixAddress.abstractName("x")))}.
 *
 * @see "unix(7): Address format"
 */
public final class UnixSocketAddress extends SocketAddress {
    private static final long serialVersionUID = 1L;

    /** The address; {@link UnixAddress} is not serializable, so the form here is its kind and bytes. */
    private final transient UnixAddress address;

    private UnixSocketAddress(UnixAddress address) {
        this.address = Objects.requireNonNull(address, "address");
    }

    /**
     * The socket address of a uds address.
     *
     * @param address any address
     * @return the socket address
     */
    public static UnixSocketAddress of(UnixAddress address) {
        return new UnixSocketAddress(address);
    }

    /**
     * The uds address.
     *
     * @return the address
     */
    public UnixAddress address() {
        return address;
    }

    /** Equal to a {@code UnixSocketAddress} of an equal {@link UnixAddress}. */
    @Override
    public boolean equals(Object other) {
        return other instanceof UnixSocketAddress a && a.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }

    /** The address as {@link UnixAddress#toString()} shows it, such as {@code @name}. */
    @Override
    public String toString() {
        return address.toString();
    }

    /** Refuses to be serialized: a uds address means nothing in another process's namespace. */
    private Object writeReplace() throws java.io.ObjectStreamException {
        throw new java.io.NotSerializableException("dev.uds.net.UnixSocketAddress (" + address + ")");
    }
}
