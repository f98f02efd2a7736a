package dev.uds.linux;

import dev.uds.Capability;
import dev.uds.UnixSocketOption;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The option table: one row per {@link UnixSocketOption}, with everything a native backend needs
 * to set and get it (level, name, the codec of its value, the valid range) and the capability it
 * belongs to. The backends make the {@code setsockopt(2)} and {@code getsockopt(2)} calls on a
 * native-order {@link ByteBuffer} that these codecs fill and read; no rule about a value lives
 * anywhere else.
 *
 * <p>The rules, the same on every native backend (and stated on each option's javadoc):
 * <ul>
 *   <li>a timeout is not negative; it is rounded up to the next microsecond, never down, so
 *       that a timeout under a microsecond never becomes 0, which the kernel reads as "no
 *       limit"; a timeout too long for {@code struct timeval} is no limit;</li>
 *   <li>a buffer size is at least 1 (the kernel doubles what is set, and raises it to its own
 *       minimum);</li>
 *   <li>a peek offset is at least -1 (off).</li>
 * </ul>
 * A value out of range throws {@link IllegalArgumentException} before any system call.
 */
public final class SocketOptions {
    private SocketOptions() {
    }

    /** How an option's value is laid out for the kernel. */
    public enum Codec {
        /** An {@code int}. */
        INT(Integer.BYTES),
        /** An {@code int}, 0 or 1. */
        BOOLEAN(Integer.BYTES),
        /** A {@code struct timeval}. */
        TIMEVAL(Structs.TIMEVAL_SIZE);

        private final int size;

        Codec(int size) {
            this.size = size;
        }

        /**
         * The value's size in bytes.
         *
         * @return the size
         */
        public int size() {
            return size;
        }
    }

    /**
     * One option.
     *
     * @param option the API's option
     * @param level  the {@code level} argument ({@code SOL_SOCKET})
     * @param name   the {@code optname} argument, such as {@code SO_RCVTIMEO}
     * @param codec  how the value is laid out
     * @param min    the least valid value of an INT option
     * @param max    the greatest valid value of an INT option
     */
    public record Row(UnixSocketOption<?> option, int level, int name, Codec codec, int min, int max) {
        /**
         * The capability a backend declares to offer the option.
         *
         * @return the capability
         */
        public Capability capability() {
            return option.capability();
        }
    }

    private static final List<Row> ROWS = List.of(
            new Row(UnixSocketOption.RECEIVE_TIMEOUT, Linux.SOL_SOCKET, Linux.SO_RCVTIMEO, Codec.TIMEVAL, 0, 0),
            new Row(UnixSocketOption.SEND_TIMEOUT, Linux.SOL_SOCKET, Linux.SO_SNDTIMEO, Codec.TIMEVAL, 0, 0),
            new Row(UnixSocketOption.SEND_BUFFER_SIZE, Linux.SOL_SOCKET, Linux.SO_SNDBUF, Codec.INT, 1, Integer.MAX_VALUE),
            new Row(UnixSocketOption.RECEIVE_BUFFER_SIZE, Linux.SOL_SOCKET, Linux.SO_RCVBUF, Codec.INT, 1, Integer.MAX_VALUE),
            new Row(UnixSocketOption.PASS_CREDENTIALS, Linux.SOL_SOCKET, Linux.SO_PASSCRED, Codec.BOOLEAN, 0, 1),
            new Row(UnixSocketOption.PEEK_OFFSET, Linux.SOL_SOCKET, Linux.SO_PEEK_OFF, Codec.INT, -1, Integer.MAX_VALUE),
            new Row(UnixSocketOption.PASS_SECURITY, Linux.SOL_SOCKET, Linux.SO_PASSSEC, Codec.BOOLEAN, 0, 1),
            // SO_PASSRIGHTS (Linux 6.16): its number lives here, as nothing else uses it.
            new Row(UnixSocketOption.PASS_DESCRIPTORS, Linux.SOL_SOCKET, 83, Codec.BOOLEAN, 0, 1),
            // SO_PASSPIDFD (Linux 6.5): its SCM_PIDFD is parsed by ControlMessages.
            new Row(UnixSocketOption.PASS_PIDFD, Linux.SOL_SOCKET, 76, Codec.BOOLEAN, 0, 1));

    /** The longest timeout written, in microseconds: beyond it the kernel has no limit anyway. */
    private static final long LONGEST_MICROS = Long.MAX_VALUE / 2;

    /**
     * Every row.
     *
     * @return the table
     */
    public static List<Row> rows() {
        return ROWS;
    }

    /**
     * The row of an option.
     *
     * @param option the option
     * @return its row
     * @throws IllegalArgumentException for an option the table does not have
     */
    public static Row row(UnixSocketOption<?> option) {
        for (Row row : ROWS) {
            if (row.option == option) {
                return row;
            }
        }
        throw new IllegalArgumentException("unknown option " + option);
    }

    /**
     * The capabilities the options of the table belong to.
     *
     * @return the capabilities
     */
    public static Set<Capability> capabilities() {
        Set<Capability> all = EnumSet.noneOf(Capability.class);
        for (Row row : ROWS) {
            all.add(row.capability());
        }
        return all;
    }

    /**
     * What a native backend declares: the capabilities its own calls implement, listed by its
     * provider, and those of every option of this table, which it sets and gets through the
     * table. A capability added to the API is therefore declared by no native backend until one
     * lists it or a row of the table needs it. Those this kernel lacks are left out
     * ({@link PeerIdentity#onThisKernel}), whichever of the two brought them.
     *
     * @param calls the capabilities the backend's calls implement
     * @return an unmodifiable set of both
     */
    public static Set<Capability> withOptions(Set<Capability> calls) {
        Set<Capability> all = EnumSet.copyOf(calls);
        all.addAll(capabilities());
        return java.util.Collections.unmodifiableSet(PeerIdentity.onThisKernel(all));
    }

    /**
     * Checks a value against the option's range and writes it for {@code setsockopt(2)}.
     *
     * @param <T>    the value's type
     * @param option the option
     * @param value  the value
     * @param buffer native-order memory with room for the codec's size at {@code at}
     * @param at     where to write
     * @return the length to pass to {@code setsockopt(2)}
     * @throws IllegalArgumentException if the value is out of range
     */
    public static <T> int encode(UnixSocketOption<T> option, T value, ByteBuffer buffer, int at) {
        Objects.requireNonNull(value, "value");
        Row row = row(option);
        switch (row.codec) {
            case TIMEVAL: {
                Duration timeout = (Duration) value;
                if (timeout.isNegative()) {
                    throw new IllegalArgumentException(option + " must not be negative: " + timeout);
                }
                long micros = micros(timeout);
                buffer.putLong(at + Structs.TV_SEC, micros / 1_000_000);
                buffer.putLong(at + Structs.TV_USEC, micros % 1_000_000);
                break;
            }
            case BOOLEAN:
                buffer.putInt(at, (Boolean) value ? 1 : 0);
                break;
            default: {
                int number = (Integer) value;
                if (number < row.min || number > row.max) {
                    throw new IllegalArgumentException(option + " out of range: " + number + " (valid: "
                            + row.min + " to " + row.max + ")");
                }
                buffer.putInt(at, number);
            }
        }
        return row.codec.size();
    }

    /** A timeout in microseconds, rounded up: under a microsecond is one, never 0 (no limit). */
    static long micros(Duration timeout) {
        try {
            long whole = Math.multiplyExact(timeout.getSeconds(), 1_000_000L);
            long micros = Math.addExact(whole, (timeout.getNano() + 999) / 1000);
            return Math.min(micros, LONGEST_MICROS);
        } catch (ArithmeticException tooLong) {
            return LONGEST_MICROS;
        }
    }

    /**
     * Reads the value {@code getsockopt(2)} left.
     *
     * @param <T>    the value's type
     * @param option the option
     * @param buffer the memory
     * @param at     where the value is
     * @return the value
     */
    public static <T> T decode(UnixSocketOption<T> option, ByteBuffer buffer, int at) {
        Object value;
        switch (row(option).codec) {
            case TIMEVAL:
                value = Duration.ofSeconds(buffer.getLong(at + Structs.TV_SEC), buffer.getLong(at + Structs.TV_USEC) * 1000);
                break;
            case BOOLEAN:
                value = buffer.getInt(at) != 0;
                break;
            default:
                value = buffer.getInt(at);
        }
        return option.type().cast(value);
    }

    /**
     * A {@code struct timeval} of {@code SO_RCVTIMEO} or {@code SO_SNDTIMEO} in nanoseconds, 0
     * for none: what bounds a wait that the kernel does not time out itself (a parked virtual
     * thread, a poll).
     *
     * @param buffer the memory
     * @param at     where the timeval is
     * @return the nanoseconds, saturated
     */
    public static long timeoutNanos(ByteBuffer buffer, int at) {
        long seconds = buffer.getLong(at + Structs.TV_SEC);
        long micros = buffer.getLong(at + Structs.TV_USEC);
        if (seconds >= Long.MAX_VALUE / 2_000_000_000L) {
            return Long.MAX_VALUE / 2;
        }
        return seconds * 1_000_000_000L + micros * 1000;
    }
}
