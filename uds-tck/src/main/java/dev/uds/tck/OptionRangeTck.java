package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Capability;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The edges of each option's valid range, as {@link UnixSocketOption} documents them: buffer
 * sizes below 1 are refused before any system call, and a positive timeout is rounded up, never
 * down to 0 (which the kernel reads as "no limit").
 */
public abstract class OptionRangeTck extends TckPart {
    /** Less than the microsecond of a {@code struct timeval}. */
    private static final Duration SUB_MICROSECOND = Duration.ofNanos(500);

    /** Creates the part. */
    protected OptionRangeTck() {
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.BUFFER_SIZES)
    void bufferSizesBelowOneAreRefusedAndLeaveTheSizeAsItWas(SocketType type) throws IOException {
        UnixSocket s = connect(type).client();
        for (UnixSocketOption<Integer> option : java.util.List.of(
                UnixSocketOption.SEND_BUFFER_SIZE, UnixSocketOption.RECEIVE_BUFFER_SIZE)) {
            int before = s.getOption(option);
            for (int invalid : new int[] {0, -1, Integer.MIN_VALUE}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> s.setOption(option, invalid), option + " of " + invalid);
                assertTrue(e.getMessage().contains(option.name()) && e.getMessage().contains(Integer.toString(invalid)),
                        "the message names the option and the value: " + e.getMessage());
                assertEquals(before, s.getOption(option), option + " unchanged after refusing " + invalid);
            }
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.RECEIVE_TIMEOUT)
    void subMicrosecondReceiveTimeoutIsRoundedUpAndTimesOut(SocketType type) throws Exception {
        UnixSocket s = connect(type).server();
        s.setOption(UnixSocketOption.RECEIVE_TIMEOUT, SUB_MICROSECOND);
        assertRoundedUp(s.getOption(UnixSocketOption.RECEIVE_TIMEOUT));
        assertTimesOut(s, () -> s.receive(ByteBuffer.allocate(8)), "a receive with a 500 ns timeout");
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.Connected.class)
    @Requires(capabilities = Capability.SEND_TIMEOUT)
    void subMicrosecondSendTimeoutIsRoundedUpAndTimesOut(SocketType type) throws Exception {
        UnixSocket s = connect(type).client();
        s.setOption(UnixSocketOption.SEND_TIMEOUT, SUB_MICROSECOND);
        assertRoundedUp(s.getOption(UnixSocketOption.SEND_TIMEOUT));
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        // The peer never reads: the buffers fill, then a send has to wait, and times out.
        assertTimesOut(s, () -> {
            for (int i = 0; i < 100_000; i++) {
                chunk.clear();
                s.send(chunk);
            }
        }, "sends with a 500 ns timeout");
    }

    @ParameterizedTest
    @ArgumentsSource(TckTypes.All.class)
    @Requires(capabilities = Capability.RECEIVE_TIMEOUT)
    void negativeTimeoutIsRefused(SocketType type) throws IOException {
        UnixSocket s = connect(type).client();
        assertThrows(IllegalArgumentException.class, () -> s.setOption(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofNanos(-1)));
        assertEquals(Duration.ZERO, s.getOption(UnixSocketOption.RECEIVE_TIMEOUT), "still no limit");
    }

    private static void assertRoundedUp(Duration kept) {
        assertTrue(kept.compareTo(SUB_MICROSECOND) >= 0, "500 ns is kept as at least 500 ns, not " + kept);
    }

    /**
     * Runs the call on a thread of its own: a timeout cut to 0 would block it for ever, and the
     * test then ends it by closing the socket.
     */
    private static void assertTimesOut(UnixSocket s, org.junit.jupiter.api.function.Executable call, String what)
            throws Exception {
        CallOnThread running = CallOnThread.start(ThreadKind.ofCurrentThread(), call);
        try {
            Throwable thrown = running.outcome(what);
            assertInstanceOf(SocketTimeoutException.class, thrown, what + " ended with " + thrown);
            assertTrue(s.isOpen(), "a timeout leaves the socket open");
        } finally {
            s.close();
            running.join();
        }
    }
}
