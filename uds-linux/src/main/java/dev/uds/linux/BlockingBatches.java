package dev.uds.linux;

import dev.uds.Capability;
import dev.uds.MessageBatch;
import java.io.IOException;

/**
 * A {@link LinuxSocket}'s batches of messages ({@code sendmmsg(2)}, {@code recvmmsg(2)}) for a
 * backend whose threads block: the core's vectors ({@link BatchVectors}) and flow
 * ({@link Batches}) over its binding. All of {@code jnr}'s; {@code ffm} makes a critical first
 * try of its own before the same flow.
 */
final class BlockingBatches {
    private BlockingBatches() {
    }

    static int send(LinuxSocket socket, LinuxBackend backend, MessageBatch batch, int offset, int count)
            throws IOException {
        backend.require(Capability.BATCHES);
        Batches.check(socket.type(), batch, offset, count);
        int fd = socket.beginIo(false);
        try {
            if (count == 0) {
                return 0;
            }
            BatchVectors vectors = BatchVectors.of(batch, backend.memory);
            vectors.prepareSend(offset, count);
            int sent = Batches.send(socket, fd, vectors, offset, count, socket.label(), backend.calls);
            vectors.completeSend(offset, sent);
            return sent;
        } finally {
            socket.descriptor().end();
        }
    }

    static int receive(LinuxSocket socket, LinuxBackend backend, MessageBatch batch, int offset, int count)
            throws IOException {
        backend.require(Capability.BATCHES);
        Batches.check(socket.type(), batch, offset, count);
        int fd = socket.beginIo(false);
        try {
            if (count == 0) {
                return 0;
            }
            BatchVectors vectors = BatchVectors.of(batch, backend.memory);
            vectors.prepareReceive(offset, count);
            long received = Batches.receive(socket, fd, vectors, offset, count, socket.label(), backend.calls);
            boolean shutDown = vectors.endsEmpty(offset, received) && EndOfStream.seen(socket, fd, backend.calls);
            return Batches.completeReceive(socket, vectors, offset, received, shutDown);
        } finally {
            socket.descriptor().end();
        }
    }
}
