package dev.uds.linux;

import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.spi.AbstractInterruptibleChannel;

/**
 * What makes a native backend's socket an {@link java.nio.channels.InterruptibleChannel}, as a
 * {@code SocketChannel} is: the JDK's own mechanism ({@link AbstractInterruptibleChannel}), so that
 * {@code Thread.interrupt()} of a thread blocked in a call, platform or virtual, closes the socket
 * (its {@link Descriptor#close()} wakes the call), and the call throws
 * {@link ClosedByInterruptException}, the interrupt status kept.
 *
 * <p>A call that cannot block (ffm's critical first try with {@code MSG_DONTWAIT}) needs none of
 * it: only the part that may wait is bracketed by {@link #enterBlocking()} and
 * {@link #leaveBlocking(boolean)}, and every call starts with {@link #checkInterrupt()}, one field
 * read, so that a thread that comes in interrupted never blocks.
 */
public abstract class InterruptibleSocket extends AbstractInterruptibleChannel implements UnixSocket {

    /** For subclasses. */
    protected InterruptibleSocket() {
    }

    /**
     * The socket's descriptor, which {@link #close()} closes.
     *
     * @return the descriptor
     */
    protected abstract Descriptor descriptor();

    /**
     * What error messages name: the address bound, connected to or accepted at.
     *
     * @return the label
     */
    public abstract Object label();

    /**
     * Set once a blocking thread's receive here found nothing at its first try (a binding with
     * {@link Syscalls#nowLimit()}); from then on {@link #receiveBlocksAtOnce} follows each receive
     * ({@link Transfer}). Both are hints, read and written without synchronization: a stale value
     * changes which call is made (one system call more, or one thread-state transition), never
     * what is received.
     */
    boolean receivesWaited;
    /** Whether a blocking thread's next receive here skips the first try and blocks at once. */
    boolean receiveBlocksAtOnce;

    /**
     * Whether a blocking thread's next receive here skips the first try ({@link Transfer}).
     *
     * @return the hint
     */
    public final boolean receiveBlocksAtOnce() {
        return receiveBlocksAtOnce;
    }

    /**
     * Sets the hints as a receive that had to wait leaves them: the next receive blocks at once.
     * For tests of the rule.
     */
    public final void receiveWaited() {
        receivesWaited = true;
        receiveBlocksAtOnce = true;
    }

    /** What {@link #awaitReady} waits for: data, or a connection to accept ({@code SO_RCVTIMEO} bounds it). */
    public static final int WAIT_READ = 1;
    /** Room to send ({@code SO_SNDTIMEO} bounds it). */
    public static final int WAIT_WRITE = 2;
    /**
     * Nothing the socket signals: a connect to a listener whose backlog is full, a sendto to a
     * peer whose queue is full, retried after pauses ({@code SO_SNDTIMEO} bounds it).
     */
    public static final int WAIT_RETRY = 3;

    /**
     * After EAGAIN of a call that a parking thread ({@link Scratch#parks}) made with
     * {@link Linux#MSG_DONTWAIT}: the first time ({@code wait} null) lists the call with the
     * backend's poller and returns at once, so that the call is tried again; later, parks until
     * the descriptor is ready. The socket's timeout bounds the wait, and a close or an interrupt
     * ends it, as for a call blocked in the kernel. A backend whose threads never park has only
     * {@link #WAIT_RETRY}, which this class implements with pauses between the tries.
     *
     * @param wait   what the last call of this method returned, or null the first time
     * @param fd     the descriptor, held by the caller
     * @param what   {@link #WAIT_READ}, {@link #WAIT_WRITE} or {@link #WAIT_RETRY}
     * @param call   what an error names
     * @param target what an error names after the call
     * @return the wait, for the next call of this method and for {@link #finishWait}
     * @throws IOException the timeout, {@link AsynchronousCloseException}, {@link ClosedByInterruptException}
     */
    protected Object awaitReady(Object wait, int fd, int what, String call, Object target) throws IOException {
        if (what != WAIT_RETRY) {
            throw new IllegalStateException("a " + getClass().getSimpleName() + " never parks");
        }
        // A thread that blocks: pauses between tries (a connect to a full backlog).
        Connections.Pauses pauses = wait == null ? new Connections.Pauses(Connections.Pauses.sendTimeout(this, fd))
                : (Connections.Pauses) wait;
        pauses.pause(this, call, target);
        return pauses;
    }

    /**
     * Unlists a call that waited; in a finally block around every call that may have.
     *
     * @param wait what {@link #awaitReady} returned last, or null
     */
    protected void finishWait(Object wait) {
    }

    @Override
    protected final void implCloseChannel() throws IOException {
        descriptor().close();
    }

    /**
     * Before a system call that may block: an interrupt from now on closes the socket.
     */
    public final void enterBlocking() {
        begin();
    }

    /**
     * After it.
     *
     * @param completed whether the call succeeded
     * @throws ClosedByInterruptException if the thread was interrupted meanwhile (the socket is closed)
     * @throws AsynchronousCloseException if the call failed and the socket was closed meanwhile
     */
    public final void leaveBlocking(boolean completed) throws AsynchronousCloseException {
        end(completed);
    }

    /**
     * As {@code SocketChannel}: a call made by an interrupted thread closes the socket and throws.
     *
     * @throws ClosedByInterruptException if the current thread is interrupted
     */
    public final void checkInterrupt() throws ClosedByInterruptException {
        if (Thread.currentThread().isInterrupted()) {
            throw closeForInterrupt();
        }
    }

    /**
     * Closes the socket of an interrupted thread's call and returns the exception the call ends with.
     *
     * @return the exception
     */
    public final ClosedByInterruptException closeForInterrupt() {
        ClosedByInterruptException interrupted = new ClosedByInterruptException();
        try {
            close();
        } catch (IOException e) {
            interrupted.addSuppressed(e);
        }
        return interrupted;
    }
}
