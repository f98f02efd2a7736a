/**
 * The {@code ffm} backend of uds: AF_UNIX sockets through libc, called with the Foreign Function
 * and Memory API. Exports nothing; it is found as a {@link dev.uds.spi.UnixDomainProvider}.
 *
 * <p>Run with {@code --enable-native-access=dev.uds.backend.ffm} (module path) or
 * {@code --enable-native-access=ALL-UNNAMED} (class path).
 */
module dev.uds.backend.ffm {
    requires dev.uds;
    // The Linux core this backend shares with jnr; it brings the system calls.
    requires dev.uds.linux;

    provides dev.uds.spi.UnixDomainProvider with dev.uds.backend.ffm.FfmProvider;
}
