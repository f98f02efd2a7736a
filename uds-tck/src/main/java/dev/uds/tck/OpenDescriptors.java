package dev.uds.tck;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sockets and test files this process holds open, read from {@code /proc/self/fd}. Jar
 * files and the JVM's own descriptors come and go with class loading, so only sockets and files
 * under the TCK's temporary directories are counted.
 */
public final class OpenDescriptors {
    private static final Path FD_DIR = Path.of("/proc/self/fd");

    private OpenDescriptors() {
    }

    /**
     * The targets of the open descriptors that are sockets or TCK files.
     *
     * @return targets such as {@code "socket:[1234]"}, sorted
     * @throws IOException if {@code /proc/self/fd} cannot be read
     */
    public static List<String> list() throws IOException {
        List<String> targets = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FD_DIR)) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (NoSuchFileException e) {
                    continue; // closed between listing and reading: the directory stream's own descriptor
                }
                if (target.startsWith("socket:") || target.contains(TckPart.TEMP_PREFIX)) {
                    targets.add(fd.getFileName() + " -> " + target);
                }
            }
        }
        targets.sort(null);
        return targets;
    }

    /**
     * The pidfds this process holds ({@code anon_inode:[pidfd]}), which {@link #list()} leaves
     * out: a test of pidfds counts them itself.
     *
     * @return each as {@code "17 -> anon_inode:[pidfd]"}, sorted
     * @throws IOException if {@code /proc/self/fd} cannot be read
     */
    public static List<String> pidfds() throws IOException {
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FD_DIR)) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.contains("pidfd")) {
                        found.add(fd.getFileName() + " -> " + target);
                    }
                } catch (NoSuchFileException e) {
                    // closed between listing and reading: the directory stream's own descriptor
                }
            }
        }
        found.sort(null);
        return found;
    }

    /**
     * Fails if descriptors are open now that were not open before.
     *
     * @param before what {@link #list()} returned before
     * @param what   what ran in between, for the message
     * @throws IOException if {@code /proc/self/fd} cannot be read
     */
    public static void assertNoneLeaked(List<String> before, String what) throws IOException {
        List<String> after = list();
        List<String> leaked = new ArrayList<>(after);
        leaked.removeAll(before);
        if (!leaked.isEmpty()) {
            throw new AssertionError(what + " leaked " + leaked.size() + " descriptor(s): " + leaked
                    + " (before: " + before.size() + ", after: " + after.size() + ")");
        }
    }
}
