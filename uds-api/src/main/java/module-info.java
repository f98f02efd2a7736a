/**
 * Unix domain sockets (AF_UNIX, unix(7)) for Java: one API over pluggable backends.
 *
 * <p>Applications use {@link dev.uds.UnixDomain}; backends implement
 * {@link dev.uds.spi.UnixDomainProvider} and are found with {@link java.util.ServiceLoader}.
 *
 * @uses dev.uds.spi.UnixDomainProvider
 */
module dev.uds {
    exports dev.uds;
    exports dev.uds.spi;
    // Shared helpers for the backends and the Linux core only: not part of the API.
    exports dev.uds.internal to dev.uds.backend.jdk, dev.uds.backend.ffm, dev.uds.backend.jnr, dev.uds.linux;

    uses dev.uds.spi.UnixDomainProvider;
}
