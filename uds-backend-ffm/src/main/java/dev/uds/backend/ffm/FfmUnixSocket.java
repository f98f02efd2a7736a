package dev.uds.backend.ffm;

import dev.uds.MessageBatch;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import dev.uds.linux.EndOfStream;
import dev.uds.linux.Linux;
import dev.uds.linux.LinuxBackend;
import dev.uds.linux.LinuxSocket;
import dev.uds.linux.Scratch;
import dev.uds.linux.Transfer;
import java.io.IOException;

/**
 * An AF_UNIX socket of any type, on libc: the core's socket ({@link LinuxSocket}) over this
 * backend's binding ({@link FfmSyscalls}) and memory ({@link FfmScratch}). What is FFM's own:
 * accepting with virtual threads parked ({@link FfmConnections}), batches with a critical first
 * try ({@link FfmBatches}), and the parking of virtual threads ({@link #awaitReady}, {@link FfmWait}).
 */
final class FfmUnixSocket extends LinuxSocket {
    /** This backend, as the core's socket sees it; loaded with the first socket, never by the provider. */
    static final LinuxBackend BACKEND = new LinuxBackend(FfmProvider.NAME, FfmProvider.CAPABILITIES,
            FfmSyscalls.INSTANCE, FfmScratch.CURRENT, FfmDirectMemory.INSTANCE, FfmUnixSocket::new);

    private final FfmDescriptor descriptor;

    FfmUnixSocket(int fd, SocketType type, Object label) {
        this(new FfmDescriptor(fd), type, label);
    }

    private FfmUnixSocket(FfmDescriptor descriptor, SocketType type, Object label) {
        super(BACKEND, descriptor, type, label);
        this.descriptor = descriptor;
    }

    @Override
    protected FfmDescriptor descriptor() {
        return descriptor;
    }

    /** A virtual thread's call parks ({@link FfmWait}), bounded by the socket's timeout. */
    @Override
    protected Object awaitReady(Object wait, int fd, int what, String call, Object target) throws IOException {
        int events = what == WAIT_READ ? FfmWait.READ : what == WAIT_WRITE ? FfmWait.WRITE : FfmWait.RETRY;
        return FfmWait.after((FfmWait) wait, this, fd, events, what == WAIT_READ ? Linux.SO_RCVTIMEO : Linux.SO_SNDTIMEO,
                call, target);
    }

    @Override
    protected void finishWait(Object wait) {
        FfmWait.finish((FfmWait) wait);
    }

    @Override
    protected UnixSocket accept(int fd, Scratch thread) throws IOException {
        return FfmConnections.accept(this, fd, thread.parks);
    }

    /** The exception for a failed call: AsynchronousCloseException if closed meanwhile. */
    IOException failure(String call, int errno) {
        return Transfer.failure(this, call, errno);
    }

    /** Whether a receive that returned 0 saw end of stream ({@link EndOfStream#seen}). */
    boolean endOfStream(int fd) {
        return EndOfStream.seen(this, fd, FfmSyscalls.INSTANCE);
    }

    /** Whether a DGRAM socket's reading side is shut down ({@link EndOfStream#dgramInputShutDown}). */
    boolean dgramInputShutDown(int fd) {
        return EndOfStream.dgramInputShutDown(this, fd, FfmSyscalls.INSTANCE);
    }

    @Override
    public int sendBatch(MessageBatch batch, int offset, int count) throws IOException {
        return FfmBatches.send(this, batch, offset, count);
    }

    @Override
    public int receiveBatch(MessageBatch batch, int offset, int count) throws IOException {
        return FfmBatches.receive(this, batch, offset, count);
    }
}
