package dev.uds.backend.jnr;

import dev.uds.UnixSocketOption;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.linux.Linux;
import dev.uds.linux.SocketOptions;
import java.io.IOException;

/**
 * The socket options of {@link UnixSocketOption} through {@code setsockopt(2)} and
 * {@code getsockopt(2)}: the calls here, each option's level, name, codec and range in the
 * core's {@link SocketOptions} table.
 */
final class JnrOptions {
    private JnrOptions() {
    }

    static <T> void set(JnrUnixSocket socket, int fd, UnixSocketOption<T> option, T value) throws IOException {
        JnrScratch scratch = JnrScratch.get();
        SocketOptions.Row row = SocketOptions.row(option);
        int length = SocketOptions.encode(option, value, scratch.structs, scratch.valueOffset());
        if (JnrLibc.C.setsockopt(fd, row.level(), row.name(), scratch.value(), length) < 0) {
            throw socket.failure("setsockopt " + option, JnrLibc.errno());
        }
    }

    static <T> T get(JnrUnixSocket socket, int fd, UnixSocketOption<T> option) throws IOException {
        JnrScratch scratch = JnrScratch.get();
        SocketOptions.Row row = SocketOptions.row(option);
        scratch.setLength(row.codec().size());
        if (JnrLibc.C.getsockopt(fd, row.level(), row.name(), scratch.value(), scratch.length()) < 0) {
            throw socket.failure("getsockopt " + option, JnrLibc.errno());
        }
        return SocketOptions.decode(option, scratch.structs, scratch.valueOffset());
    }

    /** SO_SNDBUF as text for an error message, or "unknown" if even that fails. */
    static String sendBufferSizeOrUnknown(int fd) {
        JnrScratch scratch = JnrScratch.get();
        scratch.setLength(4);
        if (JnrLibc.C.getsockopt(fd, Linux.SOL_SOCKET, Linux.SO_SNDBUF, scratch.value(), scratch.length()) < 0) {
            return "unknown";
        }
        return Integer.toString(scratch.structs.getInt(scratch.valueOffset()));
    }
}
