package dev.uds.backend.ffm;

import static dev.uds.linux.Linux.EAGAIN;
import static dev.uds.linux.Linux.EINTR;

import dev.uds.MessageBatch;
import dev.uds.linux.BatchVectors;
import dev.uds.linux.Batches;
import dev.uds.linux.Linux;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;

/**
 * Batches of messages ({@code sendmmsg(2)}, {@code recvmmsg(2)}) on the core's
 * {@link BatchVectors}, the way the core's {@link dev.uds.linux.Transfer} makes single calls on
 * ffm: a small batch is first tried as a critical call with {@code MSG_DONTWAIT}; a platform
 * thread that must wait goes on with the core's blocking flow ({@link Batches}); a virtual thread
 * parks ({@link FfmWait}).
 * The rules (the count on a failure part-way, {@code MSG_WAITFORONE}, truncation, end of
 * stream) are the core's, the same as {@code jnr}'s.
 */
final class FfmBatches {
    /**
     * The most messages a critical call is given, with at most {@link Libc#NOW_LIMIT} bytes in
     * all: each costs the kernel a few hundred nanoseconds, and the garbage collector waits for
     * a critical call to end.
     */
    static final int NOW_MESSAGES = 128;

    private FfmBatches() {
    }

    private static boolean critical(BatchVectors vectors, int count) {
        return count <= NOW_MESSAGES && vectors.bytes() <= Libc.NOW_LIMIT && !vectors.mapped();
    }

    /** {@code UnixSocket.sendBatch}: checks the arguments, holds the descriptor, sends. */
    static int send(FfmUnixSocket socket, MessageBatch batch, int offset, int count) throws IOException {
        Batches.check(socket.type(), batch, offset, count);
        boolean virtual = Thread.currentThread().isVirtual();
        int fd = socket.beginIo(virtual);
        try {
            return count == 0 ? 0 : send(socket, fd, batch, offset, count);
        } finally {
            socket.descriptor().end(virtual);
        }
    }

    /** {@code UnixSocket.receiveBatch}: checks the arguments, holds the descriptor, receives. */
    static int receive(FfmUnixSocket socket, MessageBatch batch, int offset, int count) throws IOException {
        Batches.check(socket.type(), batch, offset, count);
        boolean virtual = Thread.currentThread().isVirtual();
        int fd = socket.beginIo(virtual);
        try {
            return count == 0 ? 0 : receive(socket, fd, batch, offset, count);
        } finally {
            socket.descriptor().end(virtual);
        }
    }

    /** Sends messages {@code offset} on; the caller holds {@code fd} and checked the arguments. */
    static int send(FfmUnixSocket socket, int fd, MessageBatch batch, int offset, int count) throws IOException {
        BatchVectors vectors = BatchVectors.of(batch, FfmDirectMemory.INSTANCE);
        vectors.prepareSend(offset, count);
        FfmScratch scratch = FfmScratch.current();
        int sent = scratch.parks ? sendParking(socket, fd, vectors, offset, count, scratch)
                : sendBlocking(socket, fd, vectors, offset, count, scratch);
        vectors.completeSend(offset, sent);
        return sent;
    }

    private static int sendBlocking(FfmUnixSocket socket, int fd, BatchVectors vectors, int offset, int count,
            FfmScratch scratch) throws IOException {
        int sent = 0;
        if (critical(vectors, count)) {
            long now = Libc.sendmmsgNow(scratch.errno, fd, vectors.address(offset), count,
                    Linux.MSG_NOSIGNAL | Linux.MSG_DONTWAIT);
            if (now == count) {
                return count;
            }
            if (now > 0) {
                sent = (int) now;
            } else if (scratch.errno() != EAGAIN && scratch.errno() != EINTR) {
                throw Batches.sendFailure(socket, vectors, offset, socket.label(), scratch.errno());
            }
        }
        try {
            return sent + Batches.send(socket, fd, vectors, offset + sent, count - sent, socket.label(),
                    FfmSyscalls.INSTANCE);
        } catch (IOException failedPartWay) {
            if (sent == 0) {
                throw failedPartWay;
            }
            return sent; // as sendmmsg: the count, and the failure for the next call
        }
    }

    private static int sendParking(FfmUnixSocket socket, int fd, BatchVectors vectors, int offset, int count,
            FfmScratch scratch) throws IOException {
        int sent = 0;
        FfmWait wait = null;
        try {
            while (sent < count) {
                int flags = Linux.MSG_NOSIGNAL | Linux.MSG_DONTWAIT;
                long address = vectors.address(offset + sent);
                long now = critical(vectors, count) ? Libc.sendmmsgNow(scratch.errno, fd, address, count - sent, flags)
                        : Libc.sendmmsg(scratch.errno, fd, address, count - sent, flags);
                if (now > 0) {
                    sent += (int) now;
                    continue;
                }
                int errno = scratch.errno();
                if (errno == EINTR && !socket.descriptor().isClosed()) {
                    continue;
                }
                if (errno != EAGAIN) {
                    if (sent > 0) {
                        break;
                    }
                    throw Batches.sendFailure(socket, vectors, offset, socket.label(), errno);
                }
                wait = FfmWait.after(wait, socket, fd, FfmWait.WRITE, Linux.SO_SNDTIMEO, "sendmmsg", socket.label());
            }
            return sent;
        } catch (IOException failedPartWay) {
            if (sent == 0) {
                throw failedPartWay;
            }
            return sent;
        } finally {
            FfmWait.finish(wait);
        }
    }

    /** Receives up to {@code count} messages from {@code offset}; the caller holds {@code fd}. */
    static int receive(FfmUnixSocket socket, int fd, MessageBatch batch, int offset, int count) throws IOException {
        BatchVectors vectors = BatchVectors.of(batch, FfmDirectMemory.INSTANCE);
        long vector = vectors.prepareReceive(offset, count);
        FfmScratch scratch = FfmScratch.current();
        long received;
        if (scratch.parks) {
            received = receiveParking(socket, fd, vectors, vector, count, scratch);
            if (received == 0) {
                // The reading side of a DGRAM socket is shut down: see FfmUnixSocket#dgramInputShutDown.
                AsynchronousCloseException closed = socket.descriptor().closedMeanwhile();
                if (closed != null) {
                    throw closed;
                }
                return -1;
            }
        } else {
            received = -1;
            if (critical(vectors, count)) {
                received = Libc.recvmmsgNow(scratch.errno, fd, vector, count, Linux.MSG_TRUNC | Linux.MSG_DONTWAIT);
                if (received < 0 && scratch.errno() != EAGAIN && scratch.errno() != EINTR) {
                    throw Batches.failure(socket, "recvmmsg", socket.label(), scratch.errno());
                }
            }
            if (received < 0) {
                received = Batches.receive(socket, fd, vectors, offset, count, socket.label(), FfmSyscalls.INSTANCE);
            }
        }
        boolean shutDown = vectors.endsEmpty(offset, received) && socket.endOfStream(fd);
        return Batches.completeReceive(socket, vectors, offset, received, shutDown);
    }

    /** A virtual thread's receive: non-blocking tries, parked between them; 0 for a DGRAM socket shut down. */
    private static long receiveParking(FfmUnixSocket socket, int fd, BatchVectors vectors, long vector, int count,
            FfmScratch scratch) throws IOException {
        int flags = Linux.MSG_TRUNC | Linux.MSG_DONTWAIT;
        FfmWait wait = null;
        try {
            while (true) {
                long received = critical(vectors, count) ? Libc.recvmmsgNow(scratch.errno, fd, vector, count, flags)
                        : Libc.recvmmsg(scratch.errno, fd, vector, count, flags);
                if (received >= 0) {
                    return received;
                }
                int errno = scratch.errno();
                if (errno == EINTR && !socket.descriptor().isClosed()) {
                    continue;
                }
                if (errno != EAGAIN) {
                    throw Batches.failure(socket, "recvmmsg", socket.label(), errno);
                }
                if (socket.dgramInputShutDown(fd)) {
                    return 0;
                }
                wait = FfmWait.after(wait, socket, fd, FfmWait.READ, Linux.SO_RCVTIMEO, "recvmmsg", socket.label());
            }
        } finally {
            FfmWait.finish(wait);
        }
    }
}
