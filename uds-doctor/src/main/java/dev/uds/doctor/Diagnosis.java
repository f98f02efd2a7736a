package dev.uds.doctor;

import dev.uds.Backend;
import dev.uds.UnixDomain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything the doctor found: the machine and each backend.
 *
 * @param machine  the Java runtime and the kernel
 * @param backends each backend examined, in the order of preference
 */
record Diagnosis(Machine machine, List<BackendReport> backends) {

    /**
     * The Java runtime and the kernel.
     *
     * @param java         version, vendor and home of the running Java
     * @param os           the operating system, its release and architecture
     * @param modulePath   whether uds runs as modules (else on the class path)
     * @param nativeAccess native access of the ffm backend's module
     * @param peerPidfd    whether the kernel has SO_PEERPIDFD
     */
    record Machine(String java, String os, boolean modulePath, NativeAccessStatus nativeAccess, String peerPidfd) {
    }

    /**
     * One backend.
     *
     * @param name         its name
     * @param priority     its priority
     * @param cause        why it is unavailable, in plain words; null when available
     * @param socketTypes  the types it declares
     * @param capabilities the capabilities it declares
     * @param kernel       the kernel features tried through it
     * @param selfTest     the self-test's checks
     */
    record BackendReport(String name, int priority, String cause, List<String> socketTypes, List<String> capabilities,
                         List<Check> kernel, List<Check> selfTest) {

        boolean available() {
            return cause == null;
        }

        /** An unavailable backend fails nothing: it says why instead. */
        boolean passed() {
            return Stream.concat(kernel.stream(), selfTest.stream()).noneMatch(c -> c.outcome() == Check.Outcome.FAIL);
        }
    }

    /** Exit status 0: some backend is available and every available backend passed. */
    boolean healthy() {
        return backends.stream().anyMatch(BackendReport::available) && backends.stream().allMatch(BackendReport::passed);
    }

    /**
     * Examines the machine and the backends found, and runs the self-test of each available one.
     *
     * @param only a backend name to examine alone, or empty for all
     * @return the diagnosis
     * @throws IllegalArgumentException if {@code only} names no backend found
     */
    static Diagnosis examine(Optional<String> only) {
        // Before any backend loads: Java 24+ enables native access for a module at its first
        // restricted call after warning about it, so asking later would always say "enabled".
        NativeAccessStatus nativeAccess = NativeAccess.ffm();
        List<Backend> backends = UnixDomain.backends().stream()
                .sorted(Comparator.comparing(Backend::isAvailable).thenComparingInt(Backend::priority).reversed())
                .filter(b -> only.isEmpty() || b.name().equals(only.get()))
                .collect(Collectors.toList());
        if (only.isPresent() && backends.isEmpty()) {
            throw new IllegalArgumentException("no backend named '" + only.get() + "'; found: "
                    + UnixDomain.backends().stream().map(Backend::name).collect(Collectors.joining(", ")));
        }
        Path dir = privateDirectory();
        try {
            List<BackendReport> reports = new ArrayList<>();
            for (Backend backend : backends) {
                reports.add(examine(backend, dir));
            }
            return new Diagnosis(thisMachine(nativeAccess), reports);
        } finally {
            removeAll(dir);
        }
    }

    private static BackendReport examine(Backend backend, Path dir) {
        List<String> types = backend.socketTypes().stream().sorted().map(Enum::name).collect(Collectors.toList());
        List<String> capabilities = backend.capabilities().stream().sorted().map(Enum::name)
                .collect(Collectors.toList());
        if (!backend.isAvailable()) {
            return new BackendReport(backend.name(), backend.priority(),
                    PlainCause.of(backend.unavailabilityCause().orElseThrow()), types, capabilities, List.of(), List.of());
        }
        return new BackendReport(backend.name(), backend.priority(), null, types, capabilities,
                KernelProbe.probe(backend, dir), SelfTest.run(backend, dir));
    }

    private static Machine thisMachine(NativeAccessStatus nativeAccess) {
        String java = System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("java.home");
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        boolean modules = Backend.class.getModule().isNamed();
        return new Machine(java, os, modules, nativeAccess, KernelProbe.peerPidfd());
    }

    /** Short, so that a pathname of the full sun_path length fits in it; readable by this user only. */
    private static Path privateDirectory() {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "uds-doctor",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory for the self-test's sockets", e);
        }
    }

    private static void removeAll(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            System.err.println("uds doctor: could not remove " + dir + ": " + e);
        }
    }
}
