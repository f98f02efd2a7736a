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
