package dev.uds;

import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A file to open and pass as a descriptor: the backend opens it (close-on-exec) just before the
 * send and closes its own descriptor right after, so the receiver holds the only one.
 *
 * @see Ancillary#descriptors(PassableDescriptor...)
 */
public final class OpenFile implements PassableDescriptor {
    private static final Set<OpenOption> KNOWN = Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);

    private final Path path;
    private final List<OpenOption> options;

    private OpenFile(Path path, List<OpenOption> options) {
        this.path = path;
        this.options = options;
    }

    /**
     * A file to open with the given options; with none, it is opened for reading.
     *
     * @param path    the file
     * @param options any of {@code READ}, {@code WRITE}, {@code APPEND}, {@code CREATE},
     *                {@code TRUNCATE_EXISTING}
     * @return the file to pass
     * @throws IllegalArgumentException for any other option
     */
    public static OpenFile of(Path path, OpenOption... options) {
        Objects.requireNonNull(path, "path");
        for (OpenOption option : options) {
            if (!KNOWN.contains(option)) {
                throw new IllegalArgumentException("cannot open " + path + " to pass with option " + option
                        + "; supported: " + KNOWN);
            }
        }
        return new OpenFile(path, options.length == 0 ? List.of(StandardOpenOption.READ) : List.of(options));
    }

    /**
     * The file.
     *
     * @return its path
     */
    public Path path() {
        return path;
    }

    /**
     * The options the file is opened with.
     *
     * @return the options, never empty
     */
    public List<OpenOption> options() {
        return options;
    }

    /** The path and options. */
    @Override
    public String toString() {
        return path + " " + options;
    }
}
