package dev.uds.backend.ffm;

import dev.uds.OpenFile;
import dev.uds.internal.Errors;
import dev.uds.internal.FileNames;
import dev.uds.linux.Linux;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Plain descriptors that are not sockets of ours: files opened to be passed
 * ({@link OpenFile}), and closing numbers no object owns yet.
 */
final class FfmFiles {
    /** rw-rw-rw- before the umask, as the JDK creates files. */
    private static final int CREATE_MODE = 0666;

    private FfmFiles() {
    }

    /** open(2) with O_CLOEXEC, for one send. */
    static int open(OpenFile file) throws IOException {
        int flags = Linux.openFlags(file);
        FfmScratch scratch = FfmScratch.current();
        byte[] path = file.path().toString().getBytes(FileNames.ENCODING);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(path.length + 1L);
            MemorySegment.copy(path, 0, name, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, path.length);
            int fd = Libc.open(scratch.errno, name, flags, CREATE_MODE);
            if (fd < 0) {
                throw Errors.exception("open", file.path(), scratch.errno(), "to pass its descriptor");
            }
            return fd;
        }
    }

    /**
     * close(2) of a number no object owns, on a path that already has its outcome (a send that
     * succeeded or failed, a descriptor beyond the receiver's allowance): its error would add
     * nothing the caller can act on, so it is not reported.
     */
    static void closeQuietly(int fd) {
        Libc.close(FfmScratch.current().errno, fd);
    }
}
