package dev.uds.backend.jnr;

import dev.uds.Capability;
import dev.uds.MessageBatch;
import dev.uds.linux.BatchVectors;
import dev.uds.linux.Batches;
import dev.uds.linux.Transfer;
import java.io.IOException;

/**
 * Batches of messages ({@code sendmmsg(2)}, {@code recvmmsg(2)}) entirely through the core:
 * its vectors ({@link BatchVectors}) and its blocking flow and rules ({@link Batches}), with
 * jnr's binding of the two calls ({@link JnrSyscalls}).
 */
final class JnrBatches {
    private JnrBatches() {
    }

    static int send(JnrUnixSocket socket, MessageBatch batch, int offset, int count) throws IOException {
        JnrProvider.require(Capability.BATCHES);
        Batches.check(socket.type(), batch, offset, count);
        int fd = socket.beginIo();
        try {
            if (count == 0) {
                return 0;
            }
            BatchVectors vectors = BatchVectors.of(batch, JnrDirectMemory.INSTANCE);
            vectors.prepareSend(offset, count);
            int sent = Batches.send(socket, fd, vectors, offset, count, socket.label(), JnrSyscalls.INSTANCE);
            vectors.completeSend(offset, sent);
            return sent;
        } finally {
            socket.descriptor().end();
        }
    }

    static int receive(JnrUnixSocket socket, MessageBatch batch, int offset, int count) throws IOException {
        JnrProvider.require(Capability.BATCHES);
        Batches.check(socket.type(), batch, offset, count);
        int fd = socket.beginIo();
        try {
            if (count == 0) {
                return 0;
            }
            BatchVectors vectors = BatchVectors.of(batch, JnrDirectMemory.INSTANCE);
            vectors.prepareReceive(offset, count);
            long received = Batches.receive(socket, fd, vectors, offset, count, socket.label(), JnrSyscalls.INSTANCE);
            boolean shutDown = vectors.endsEmpty(offset, received) && Transfer.endOfStream(socket, fd, JnrSyscalls.INSTANCE);
            return Batches.completeReceive(socket, vectors, offset, received, shutDown);
        } finally {
            socket.descriptor().end();
        }
    }
}
