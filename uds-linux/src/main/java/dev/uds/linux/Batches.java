package dev.uds.linux;

import dev.uds.MessageBatch;
import dev.uds.SocketType;
import dev.uds.internal.Errors;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.util.Objects;

/**
 * The flow of a batch call ({@code sendmmsg(2)}, {@code recvmmsg(2)}) for a thread that blocks
 * in the kernel, and the checks and failures every backend shares. {@code jnr} makes every
 * batch call this way; {@code ffm} tries a critical non-blocking call first and parks virtual
 * threads, and comes here for the rest (its {@code FfmBatches}).
 *
 * <p>A send returns the count that went, and throws only when the first message fails:
 * {@code sendmmsg} itself returns the count after a failure part-way, the failure being
 * reported again by the next call that starts at the failed message. A receive waits for one
 * message and takes what else is queued ({@code MSG_WAITFORONE}).
 */
public final class Batches {
    private Batches() {
    }

    /**
     * The checks before any system call.
     *
     * @param type   the socket's type
     * @param batch  the batch
     * @param offset the first message
     * @param count  how many
     * @throws UnsupportedOperationException for a STREAM socket
     * @throws IndexOutOfBoundsException     for messages outside the batch
     */
    public static void check(SocketType type, MessageBatch batch, int offset, int count) {
        if (!type.keepsMessageBoundaries()) {
            throw new UnsupportedOperationException("a batch holds messages, and a STREAM socket has none: "
                    + "use DGRAM or SEQPACKET");
        }
        Objects.checkFromIndexSize(offset, count, batch.size());
    }

    /**
     * {@code sendmmsg} of prepared messages, blocking, retried on EINTR.
     *
     * @param socket the socket; a call blocked in it is interruptible
     * @param fd     its descriptor, held by the caller
     * @param vectors the prepared batch
     * @param offset the first message
     * @param count  how many
     * @param label  what messages name
     * @param calls  the backend's binding
     * @return how many went, at least one
     * @throws IOException if the first message failed
     */
    public static int send(InterruptibleSocket socket, int fd, BatchVectors vectors, int offset, int count,
            Object label, Syscalls calls) throws IOException {
        long sent;
        do {
            socket.enterBlocking();
            sent = -1;
            try {
                sent = calls.sendmmsg(fd, vectors.address(offset), count, Linux.MSG_NOSIGNAL);
            } finally {
                socket.leaveBlocking(sent >= 0);
            }
        } while (sent == -Linux.EINTR && !socket.descriptor().isClosed());
        if (sent < 0) {
            throw sendFailure(socket, vectors, offset, label, (int) -sent);
        }
        return (int) sent;
    }

    /**
     * {@code recvmmsg} with {@code MSG_WAITFORONE}, blocking for the first message, retried on EINTR.
     *
     * @param socket  the socket; a call blocked in it is interruptible
     * @param fd      its descriptor, held by the caller
     * @param vectors the prepared batch
     * @param offset  the first message
     * @param count   how many at most
     * @param label   what messages name
     * @param calls   the backend's binding
     * @return what the call returned, at least one; see {@link #completeReceive}
     * @throws IOException if the call failed, or timed out before the first message
     */
    public static long receive(InterruptibleSocket socket, int fd, BatchVectors vectors, int offset, int count,
            Object label, Syscalls calls) throws IOException {
        long received;
        do {
            socket.enterBlocking();
            received = -1;
            try {
                received = calls.recvmmsg(fd, vectors.address(offset), count, Linux.MSG_TRUNC | Linux.MSG_WAITFORONE);
            } finally {
                socket.leaveBlocking(received >= 0);
            }
        } while (received == -Linux.EINTR && !socket.descriptor().isClosed());
        if (received < 0) {
            throw failure(socket, "recvmmsg", label, (int) -received);
        }
        return received;
    }

    /**
     * Places what a receive brought ({@link BatchVectors#completeReceive}); a receive woken by a
     * close from another thread, with nothing before it, is {@link AsynchronousCloseException}.
     *
     * @param socket           the socket
     * @param vectors          the batch
     * @param offset           the first message
     * @param received         what the call returned
     * @param readSideShutDown whether the reading side is shut down (asked only if
     *                         {@link BatchVectors#endsEmpty} is true)
     * @return the messages received, or -1 at end of stream
     * @throws AsynchronousCloseException if the socket was closed meanwhile and nothing came
     */
    public static int completeReceive(InterruptibleSocket socket, BatchVectors vectors, int offset, long received,
            boolean readSideShutDown) throws AsynchronousCloseException {
        int count = vectors.completeReceive(offset, received, readSideShutDown);
        if (count < 0) {
            AsynchronousCloseException closed = socket.descriptor().closedMeanwhile();
            if (closed != null) {
                throw closed;
            }
        }
        return count;
    }

    /**
     * The exception for a failed batch call.
     *
     * @param socket the socket
     * @param call   {@code "sendmmsg"} or {@code "recvmmsg"}
     * @param label  what the message names
     * @param errno  the error
     * @return {@link AsynchronousCloseException} if closed meanwhile, else the errno's exception
     */
    public static IOException failure(InterruptibleSocket socket, String call, Object label, int errno) {
        AsynchronousCloseException closed = socket.descriptor().closedMeanwhile();
        return closed != null ? closed : Errors.exception(call, label, errno);
    }

    /**
     * The exception for a send whose first message failed; {@code EMSGSIZE} says which message
     * and its size.
     *
     * @param socket  the socket
     * @param vectors the batch
     * @param index   the message that failed
     * @param label   what the message names
     * @param errno   the error
     * @return the exception
     */
    public static IOException sendFailure(InterruptibleSocket socket, BatchVectors vectors, int index, Object label,
            int errno) {
        if (errno == Linux.EMSGSIZE && !socket.descriptor().isClosed()) {
            return Errors.exception("sendmmsg", label, errno, "message " + index + " of the batch, "
                    + vectors.length(index) + " bytes, does not fit; one message must fit whole in the socket's "
                    + "send buffer (SO_SNDBUF)");
        }
        return failure(socket, "sendmmsg", label, errno);
    }
}
