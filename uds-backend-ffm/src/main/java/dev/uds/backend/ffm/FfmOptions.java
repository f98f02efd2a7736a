package dev.uds.backend.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.uds.PeerCredentials;
import dev.uds.UnixSocketOption;
import dev.uds.internal.Errors;
import dev.uds.internal.Linux;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

/**
 * Socket options through {@code getsockopt(2)} and {@code setsockopt(2)}, each
 * {@link UnixSocketOption} mapped to its {@code SO_*} name and value struct.
 */
final class FfmOptions {
    private FfmOptions() {
    }

    static <T> void set(FfmUnixSocket socket, int fd, UnixSocketOption<T> option, T value) throws IOException {
        java.util.Objects.requireNonNull(value, "value");
        FfmScratch scratch = FfmScratch.current();
        if (option.type() == Duration.class) {
            Duration timeout = (Duration) value;
            if (timeout.isNegative()) {
                throw new IllegalArgumentException(option + " must not be negative: " + timeout);
            }
            // A timeout under a microsecond would read as 0, "no limit": round it up.
            long micros = timeout.isZero() ? 0 : Math.max(1, saturatedMicros(timeout));
            scratch.timeval.set(JAVA_LONG, LibcStructs.TV_SEC, micros / 1_000_000);
            scratch.timeval.set(JAVA_LONG, LibcStructs.TV_USEC, micros % 1_000_000);
            setsockopt(socket, fd, option, scratch.timeval);
            return;
        }
        int number;
        if (value instanceof Boolean flag) {
            number = flag ? 1 : 0;
        } else {
            number = (Integer) value;
            boolean valid = option == UnixSocketOption.PEEK_OFFSET ? number >= -1 : number > 0;
            if (!valid) {
                throw new IllegalArgumentException(option + " out of range: " + number);
            }
        }
        scratch.intValue.set(JAVA_INT, 0, number);
        setsockopt(socket, fd, option, scratch.intValue);
    }

    private static long saturatedMicros(Duration timeout) {
        try {
            return Math.addExact(Math.multiplyExact(timeout.getSeconds(), 1_000_000L), timeout.getNano() / 1000);
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2;
        }
    }

    private static void setsockopt(FfmUnixSocket socket, int fd, UnixSocketOption<?> option, MemorySegment value)
            throws IOException {
        FfmScratch scratch = FfmScratch.current();
        if (Libc.setsockopt(scratch.errno, fd, Linux.SOL_SOCKET, Linux.optionName(option), value, (int) value.byteSize()) < 0) {
            throw socket.failure("setsockopt " + option.name(), scratch.errno());
        }
    }

    static <T> T get(FfmUnixSocket socket, int fd, UnixSocketOption<T> option) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        MemorySegment value = option.type() == Duration.class ? scratch.timeval : scratch.intValue;
        scratch.length.set(JAVA_INT, 0, (int) value.byteSize());
        if (Libc.getsockopt(scratch.errno, fd, Linux.SOL_SOCKET, Linux.optionName(option), value, scratch.length) < 0) {
            throw socket.failure("getsockopt " + option.name(), scratch.errno());
        }
        Object result;
        if (option.type() == Duration.class) {
            result = Duration.ofSeconds(value.get(JAVA_LONG, LibcStructs.TV_SEC),
                    value.get(JAVA_LONG, LibcStructs.TV_USEC) * 1000);
        } else if (option.type() == Boolean.class) {
            result = value.get(JAVA_INT, 0) != 0;
        } else {
            result = value.get(JAVA_INT, 0);
        }
        return option.type().cast(result);
    }

    /** SO_PEERCRED; a socket with no peer has pid 0 there, which is reported as ENOTCONN. */
    static PeerCredentials peerCredentials(FfmUnixSocket socket, int fd) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        MemorySegment ucred = scratch.ucred;
        scratch.length.set(JAVA_INT, 0, (int) ucred.byteSize());
        if (Libc.getsockopt(scratch.errno, fd, Linux.SOL_SOCKET, Linux.SO_PEERCRED, ucred, scratch.length) < 0) {
            throw socket.failure("getsockopt SO_PEERCRED", scratch.errno());
        }
        int pid = ucred.get(JAVA_INT, LibcStructs.UCRED_PID);
        if (pid <= 0) {
            throw Errors.exception("getsockopt SO_PEERCRED", socket.label(), Linux.ENOTCONN,
                    "the socket has no peer");
        }
        return PeerCredentials.of(pid, ucred.get(JAVA_INT, LibcStructs.UCRED_UID), ucred.get(JAVA_INT, LibcStructs.UCRED_GID));
    }

    /** SO_SNDBUF for an error message, or "unknown" if even that fails. */
    static String sendBufferOrUnknown(int fd) {
        FfmScratch scratch = FfmScratch.current();
        scratch.length.set(JAVA_INT, 0, Integer.BYTES);
        if (Libc.getsockopt(scratch.errno, fd, Linux.SOL_SOCKET, Linux.SO_SNDBUF, scratch.intValue, scratch.length) < 0) {
            return "unknown";
        }
        return Integer.toString(scratch.intValue.get(JAVA_INT, 0));
    }

    /**
     * {@code SO_RCVTIMEO} or {@code SO_SNDTIMEO} in nanoseconds, 0 for none: what bounds a
     * virtual thread's parked call, whose non-blocking syscalls the kernel never times out.
     */
    static long timeoutNanos(FfmUnixSocket socket, int fd, int name) throws IOException {
        FfmScratch scratch = FfmScratch.current();
        MemorySegment value = scratch.timeval;
        scratch.length.set(JAVA_INT, 0, (int) value.byteSize());
        if (Libc.getsockopt(scratch.errno, fd, Linux.SOL_SOCKET, name, value, scratch.length) < 0) {
            throw socket.failure(name == Linux.SO_RCVTIMEO ? "getsockopt SO_RCVTIMEO" : "getsockopt SO_SNDTIMEO",
                    scratch.errno());
        }
        long seconds = value.get(JAVA_LONG, LibcStructs.TV_SEC);
        long micros = value.get(JAVA_LONG, LibcStructs.TV_USEC);
        if (seconds >= Long.MAX_VALUE / 2_000_000_000L) {
            return Long.MAX_VALUE / 2;
        }
        return seconds * 1_000_000_000L + micros * 1000;
    }
}
