package dev.uds.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.function.Executable;

/**
 * A socket call running on a thread of its own, so that a test can watch it block and end, and
 * can never hang on a call that does not end: {@link #outcome} gives up after a bound, and the
 * caller then closes the socket, which ends any blocked call.
 */
final class CallOnThread {
    /** Long enough for a blocking call to reach the kernel on a loaded machine. */
    static final long SETTLE_MILLIS = 300;
    /** How long a call that should end is waited for before the test fails. */
    static final long END_SECONDS = 5;

    private final CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    private volatile boolean interruptedAfter;
    private final Thread thread;

    private CallOnThread(ThreadKind kind, boolean interruptFirst, Executable call) {
        this.thread = kind.start("tck-call-on-" + kind, () -> {
            if (interruptFirst) {
                Thread.currentThread().interrupt();
            }
            Throwable outcome = null;
            try {
                call.execute();
            } catch (Throwable t) {
                outcome = t;
            }
            interruptedAfter = Thread.currentThread().isInterrupted();
            thrown.complete(outcome);
        });
    }

    /** Starts the call. */
    static CallOnThread start(ThreadKind kind, Executable call) {
        return new CallOnThread(kind, false, call);
    }

    /** Starts the call on a thread whose interrupt flag is set before the call. */
    static CallOnThread startInterrupted(ThreadKind kind, Executable call) {
        return new CallOnThread(kind, true, call);
    }

    /** Waits a moment and checks that the call is still blocked. */
    CallOnThread assertBlocked(String what) throws InterruptedException {
        Thread.sleep(SETTLE_MILLIS);
        assertFalse(thrown.isDone(), what + " returned instead of blocking: " + thrown.getNow(null));
        return this;
    }

    void interrupt() {
        thread.interrupt();
    }

    /**
     * What the call threw (null if it returned), failing the test if it has not ended in
     * {@link #END_SECONDS}.
     */
    Throwable outcome(String what) throws InterruptedException {
        try {
            return thrown.get(END_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return fail(what + " still had not ended after " + END_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** Whether the thread's interrupt flag was set when the call had ended. */
    boolean interruptedAfter() {
        return interruptedAfter;
    }

    /** Waits for the thread to end, once the call has been made to end. */
    void join() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(END_SECONDS));
    }
}
