package dev.uds.testsupport;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The descriptors a JVM opens lazily, during some test class, and keeps until it exits. They are
 * not leaks of that class, so {@link DescriptorLeakExtension} reports them apart. Each kind is
 * matched by what its target is, never by being a socket, a pipe or a file in general: a socket,
 * a pipe, or a file other than these, left open by a test class, is always a leak.
 */
enum ProcessLifetimeDescriptor {
    /**
     * A jar a class loader opened to load classes (the test class path, or Jazzer's agent jar);
     * the loader keeps it open for the classes it has yet to load.
     */
    JAR(target -> target.startsWith("/") && target.endsWith(".jar")),
    /**
     * A poller's epoll instance and the eventfd that wakes it: the ffm backend's {@code FfmPoller}
     * (one per process, started by the first parked virtual thread and kept for later ones) and
     * the JDK's own pollers for virtual threads ({@code sun.nio.ch.Poller}), made on first use and
     * never closed.
     */
    POLLER(target -> target.equals("anon_inode:[eventpoll]") || target.equals("anon_inode:[eventfd]")),
    /**
     * The JDK's random devices: {@code NativePRNG} opens them at the first {@code SecureRandom}
     * (temporary file names among its users) and keeps them for the process.
     */
    RANDOM_DEVICE(target -> target.equals("/dev/random") || target.equals("/dev/urandom")),
    /**
     * A font file the JDK's font system opened to draw text (the benchmark report's charts, drawn
     * headless) and keeps in its cache of open fonts for the process.
     */
    FONT(target -> target.startsWith("/usr/share/fonts/")
            && (target.endsWith(".ttf") || target.endsWith(".otf") || target.endsWith(".ttc"))),
    /**
     * The JVM's attach listener: the socket at {@code .java_pid<pid>} in the temporary directory
     * that the JVM starts listening on at the first attach (Jazzer attaches its agent to its own
     * JVM) and keeps open for later ones. Told from other sockets by its path in
     * {@code /proc/net/unix} ({@link DescriptorSnapshot#openedSince} writes it after the target):
     * the JVM binds {@code .java_pid<pid>.tmp}, then renames it.
     */
    ATTACH_LISTENER(target -> target.startsWith("socket:[")
            && (target.endsWith("/.java_pid" + ProcessHandle.current().pid())
                || target.endsWith("/.java_pid" + ProcessHandle.current().pid() + ".tmp")));

    private final Predicate<String> matches;

    ProcessLifetimeDescriptor(Predicate<String> matches) {
        this.matches = matches;
    }

    /** The kind of a descriptor's {@code /proc/self/fd} target, if it is one of them. */
    static Optional<ProcessLifetimeDescriptor> of(String target) {
        return Arrays.stream(values()).filter(kind -> kind.matches.test(target)).findFirst();
    }
}
