package dev.uds.backend.jdk;

import dev.uds.UnixAddress;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Lets the JDK reach paths of the full length of {@code sun_path}. The JDK's channels refuse a
 * path of 107 bytes ("Unix domain path too long") though the kernel takes it with its NUL, so
 * such a path is reached through a short symbolic link to its directory, made for the call and
 * removed after it: {@code bind(2)} and {@code connect(2)} follow links in directory parts.
 */
final class ShortPath {
    /** The longest path the JDK's channels accept, found by trying on JDK 17 and 25. */
    private static final int JDK_MAX_PATH_BYTES = 106;

    interface Call<T> {
        T apply(UnixDomainSocketAddress address) throws IOException;
    }

    private ShortPath() {
    }

    static <T> T call(UnixAddress.Pathname address, Call<T> call) throws IOException {
        Path path = address.path();
        if (address.length() <= JDK_MAX_PATH_BYTES || path.getFileName() == null) {
            return call.apply(UnixDomainSocketAddress.of(path));
        }
        Path directory = path.toAbsolutePath().getParent();
        Path link = Path.of("/tmp", ".uds-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Files.createSymbolicLink(link, directory);
        try {
            return call.apply(UnixDomainSocketAddress.of(link.resolve(path.getFileName())));
        } finally {
            Files.delete(link);
        }
    }
}
