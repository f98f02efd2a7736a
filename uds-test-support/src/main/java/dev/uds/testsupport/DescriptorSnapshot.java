package dev.uds.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The descriptors this process holds open at one moment, each with what it refers to, as
 * {@code /proc/self/fd} shows them: {@code socket:[1234]}, {@code pipe:[5678]}, a file's path.
 *
 * @param targets each open descriptor's number and the target of its {@code /proc/self/fd} link
 */
record DescriptorSnapshot(Map<Integer, String> targets) {
    private static final File FD_DIR = new File("/proc/self/fd");

    /**
     * The descriptors open now. The directory is listed with {@link File#list()}, which closes
     * its own descriptor before returning, so that descriptor is gone by the time its link is
     * read and is left out.
     */
    static DescriptorSnapshot now() {
        String[] numbers = FD_DIR.list();
        if (numbers == null) {
            throw new UncheckedIOException(new IOException("cannot list " + FD_DIR + ": no procfs?"));
        }
        Map<Integer, String> targets = new TreeMap<>();
        for (String number : numbers) {
            try {
                targets.put(Integer.valueOf(number), Files.readSymbolicLink(Path.of(FD_DIR.getPath(), number)).toString());
            } catch (NoSuchFileException e) {
                // Closed since the listing, by this call or another thread: not open now.
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + FD_DIR + "/" + number, e);
            }
        }
        return new DescriptorSnapshot(targets);
    }

    int count() {
        return targets.size();
    }

    /**
     * The descriptors open now that were not open in {@code before}: a number that was not open
     * then, or one reused for another target.
     *
     * @return each as {@code "17 -> socket:[1234]"}, by number; a bound Unix socket with its path
     *         after a space
     */
    List<String> openedSince(DescriptorSnapshot before) {
        List<String> opened = new ArrayList<>();
        targets.forEach((number, target) -> {
            if (!target.equals(before.targets.get(number))) {
                String path = target.startsWith("socket:[") ? unixSocketPath(target) : "";
                opened.add(number + " -> " + target + (path.isEmpty() ? "" : " " + path));
            }
        });
        return opened;
    }

    /**
     * The path a Unix socket is bound to, from {@code /proc/net/unix} (whose last columns are the
     * inode and the path), or the empty string for an unbound socket, another family, or none.
     */
    private static String unixSocketPath(String socketTarget) {
        String inode = socketTarget.substring("socket:[".length(), socketTarget.length() - 1);
        try (Stream<String> lines = Files.lines(Path.of("/proc/net/unix"))) {
            return lines.skip(1).map(line -> line.trim().split("\\s+"))
                    .filter(columns -> columns.length >= 8 && columns[6].equals(inode))
                    .map(columns -> columns[7]).findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/net/unix", e);
        }
    }

    /** The target of a descriptor as {@link #openedSince} writes it, and a Unix socket's path after a space. */
    static String targetOf(String openedDescriptor) {
        return openedDescriptor.substring(openedDescriptor.indexOf(" -> ") + 4);
    }
}
