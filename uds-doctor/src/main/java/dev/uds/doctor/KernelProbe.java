package dev.uds.doctor;

import dev.uds.Backend;
import dev.uds.Capability;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel features a backend finds on this machine, tried through it: a name in the abstract
 * namespace and a pathname as long as {@code sun_path} allows. {@code SO_PEERPIDFD} is read from
 * the kernel's version, since no backend asks for it yet.
 */
final class KernelProbe {
    /** The first Linux release with SO_PEERPIDFD (and SO_PASSPIDFD). */
    private static final int[] PEERPIDFD_SINCE = {6, 5};
    private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)");

    private KernelProbe() {
    }

    /**
     * Tries the kernel features through one available backend.
     *
     * @param backend the backend
     * @param dir     a private directory with a short path, for the long pathname
     * @return a check per feature
     */
    static List<Check> probe(Backend backend, Path dir) {
        SocketType type = backend.socketTypes().stream().sorted().findFirst().orElseThrow();
        String abstractName = "uds-doctor-" + ProcessHandle.current().pid() + "-" + backend.name();
        Check abstractNamespace = Watchdog.check("abstract namespace", Capability.ABSTRACT_NAMESPACE, backend,
                sockets -> {
                    sockets.add(backend.listen(type, UnixAddress.abstractName(abstractName), 1));
                    return "bound @" + abstractName;
                });
        Check longest = Watchdog.check("sun_path limit", null, backend, sockets -> {
            Path path = longestPath(dir, backend.name());
            sockets.add(backend.listen(type, UnixAddress.of(path), 1));
            return "a " + UnixAddress.MAX_PATHNAME_BYTES + "-byte pathname binds (sun_path is "
                    + UnixAddress.SUN_PATH_SIZE + " bytes with the NUL)";
        });
        return List.of(abstractNamespace, longest);
    }

    /** A path in {@code dir} of exactly {@link UnixAddress#MAX_PATHNAME_BYTES} bytes. */
    private static Path longestPath(Path dir, String backend) throws IOException {
        String prefix = dir.resolve(backend + "-").toString();
        int fill = UnixAddress.MAX_PATHNAME_BYTES - prefix.getBytes(StandardCharsets.UTF_8).length;
        if (fill < 1) {
            throw new IOException("the temporary directory " + dir + " is too long to try a "
                    + UnixAddress.MAX_PATHNAME_BYTES + "-byte path in it");
        }
        return Path.of(prefix + "x".repeat(fill));
    }

    /**
     * Whether this kernel has {@code SO_PEERPIDFD}, from its release ({@code os.version}).
     *
     * @return a sentence for the report
     */
    static String peerPidfd() {
        String release = System.getProperty("os.version", "");
        Matcher m = RELEASE.matcher(release);
        if (!System.getProperty("os.name", "").startsWith("Linux") || !m.find()) {
            return "unknown (not a Linux release: " + System.getProperty("os.name") + " " + release + ")";
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        boolean has = major > PEERPIDFD_SINCE[0] || major == PEERPIDFD_SINCE[0] && minor >= PEERPIDFD_SINCE[1];
        return (has ? "yes" : "no") + " (Linux " + major + "." + minor + "; it came in " + PEERPIDFD_SINCE[0] + "."
                + PEERPIDFD_SINCE[1] + ")";
    }
}
