package dev.uds.bench;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.List;

/**
 * An endpoint over any blocking {@link ByteChannel}: a uds socket or a junixsocket channel.
 *
 * @param channel      the channel
 * @param writeToEnd   whether a send repeats writes until the buffer is empty, which a stream
 *                     channel needs; a uds socket and a message channel send all at once
 */
record ChannelEndpoint(ByteChannel channel, boolean writeToEnd) implements Endpoint {

    @Override
    public void send(ByteBuffer src) throws IOException {
        do {
            channel.write(src);
        } while (writeToEnd && src.hasRemaining());
    }

    @Override
    public int receive(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Closes resources in the reverse order of their list, every one even when some fail. */
    static void closeInReverse(List<? extends Closeable> resources) throws IOException {
        IOException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
