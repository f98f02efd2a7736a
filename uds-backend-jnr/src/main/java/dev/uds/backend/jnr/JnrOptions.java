package dev.uds.backend.jnr;

import dev.uds.UnixSocketOption;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.internal.Linux;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The socket options of {@link UnixSocketOption} through {@code setsockopt(2)} and
 * {@code getsockopt(2)}: ints, booleans as ints, and timeouts as {@code struct timeval}.
 */
final class JnrOptions {
    private JnrOptions() {
    }

    static <T> void set(JnrUnixSocket socket, int fd, UnixSocketOption<T> option, T value) throws IOException {
        JnrScratch scratch = JnrScratch.get();
        ByteBuffer s = scratch.structs;
        int at = scratch.valueOffset();
        int length;
        if (value instanceof Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException(option + " cannot be negative: " + timeout);
            }
            s.putLong(at, timeout.getSeconds());
            s.putLong(at + 8, timeout.getNano() / 1000);
            length = JnrStructs.TIMEVAL_SIZE;
        } else if (value instanceof Boolean on) {
            s.putInt(at, on ? 1 : 0);
            length = 4;
        } else {
            int number = (Integer) value;
            if (number < (option == UnixSocketOption.PEEK_OFFSET ? -1 : 0)) {
                throw new IllegalArgumentException(option + " out of range: " + number);
            }
            s.putInt(at, number);
            length = 4;
        }
        if (JnrLibc.C.setsockopt(fd, Linux.SOL_SOCKET, Linux.optionName(option), scratch.value(), length) < 0) {
            throw socket.failure("setsockopt " + option, JnrLibc.errno());
        }
    }

    static <T> T get(JnrUnixSocket socket, int fd, UnixSocketOption<T> option) throws IOException {
        JnrScratch scratch = JnrScratch.get();
        ByteBuffer s = scratch.structs;
        int at = scratch.valueOffset();
        scratch.setLength(JnrStructs.TIMEVAL_SIZE);
        if (JnrLibc.C.getsockopt(fd, Linux.SOL_SOCKET, Linux.optionName(option), scratch.value(), scratch.length()) < 0) {
            throw socket.failure("getsockopt " + option, JnrLibc.errno());
        }
        Object value;
        if (option.type() == Duration.class) {
            value = Duration.ofSeconds(s.getLong(at), s.getLong(at + 8) * 1000);
        } else if (option.type() == Boolean.class) {
            value = s.getInt(at) != 0;
        } else {
            value = s.getInt(at);
        }
        return option.type().cast(value);
    }

    /** SO_SNDBUF as text for an error message, or why it is unknown. */
    static String sendBufferSizeOrUnknown(int fd) {
        JnrScratch scratch = JnrScratch.get();
        scratch.setLength(4);
        if (JnrLibc.C.getsockopt(fd, Linux.SOL_SOCKET, Linux.SO_SNDBUF, scratch.value(), scratch.length()) < 0) {
            return "unknown";
        }
        return scratch.structs.getInt(scratch.valueOffset()) + " bytes";
    }
}
