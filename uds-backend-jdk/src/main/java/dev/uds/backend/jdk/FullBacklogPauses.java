package dev.uds.backend.jdk;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The pauses of a connect that a full listen backlog turned away ({@code EAGAIN}), as on the other
 * backends: 0.5 ms doubling to 50 ms between tries, for as long as {@code SO_SNDTIMEO} allows
 * (without limit when it is zero). A pause is a {@link LockSupport#parkNanos}, which an interrupt
 * ends at once; the caller checks for that, and for a close, after each.
 */
final class FullBacklogPauses {
    private static final long FIRST_PAUSE_NANOS = 500_000;
    private static final long LAST_PAUSE_NANOS = 50_000_000;

    /** {@link JdkTimeouts#deadline}, taken at the first refusal; 0: no limit. */
    private final long deadline;
    private long pause = FIRST_PAUSE_NANOS;

    /**
     * Starts the pauses at the first refusal.
     *
     * @param sendTimeout the socket's send timeout, zero for none
     */
    FullBacklogPauses(Duration sendTimeout) {
        this.deadline = JdkTimeouts.deadline(sendTimeout);
    }

    /**
     * Pauses before the next try.
     *
     * @return false, without pausing, once the send timeout has passed
     */
    boolean pause() {
        long nanos = pause;
        if (deadline != 0) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            nanos = Math.min(nanos, remaining);
        }
        LockSupport.parkNanos(nanos);
        pause = Math.min(pause * 2, LAST_PAUSE_NANOS);
        return true;
    }
}
