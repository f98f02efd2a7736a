package dev.uds.internal;

import java.nio.charset.Charset;

/**
 * How file names become bytes for the kernel: one fact that the API ({@code UnixAddress}) and the
 * Linux core (files opened to be passed) both need.
 */
public final class FileNames {
    private FileNames() {
    }

    /** The encoding the JDK turns file names into bytes with ({@code sun.jnu.encoding}). */
    public static final Charset ENCODING = Charset.forName(
            System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
}
