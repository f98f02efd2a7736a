package dev.uds.backend.jdk;

import dev.uds.UnixAddress;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an unconnected socket's channel carries, so that a fresh channel can stand in for one the
 * JDK closed when its connect failed (it does so on EAGAIN, a full listen backlog): the path it
 * was bound to and the buffer sizes set on it.
 */
final class FreshChannels {
    private final Map<UnixSocketOption<Integer>, Integer> bufferSizes = new ConcurrentHashMap<>();

    /** Keeps a buffer size set on the unconnected channel. */
    @SuppressWarnings("unchecked")
    void sizeSet(UnixSocketOption<?> option, Object value) {
        if (value instanceof Integer size) {
            bufferSizes.put((UnixSocketOption<Integer>) option, size);
        }
    }

    /**
     * Opens a channel bound to {@code boundPath} if not null (the file the closed channel left
     * is removed first: for an instant, as in {@code listen}, the path is free), with the sizes
     * kept; a failure closes it.
     */
    SocketChannel open(UnixAddress.Pathname boundPath) throws IOException {
        SocketChannel fresh = JdkUnixSocket.openChannel();
        try {
            if (boundPath != null) {
                Files.deleteIfExists(boundPath.path());
                ShortPath.call(boundPath, fresh::bind);
            }
            for (Map.Entry<UnixSocketOption<Integer>, Integer> size : bufferSizes.entrySet()) {
                JdkOptions.set(fresh, size.getKey(), size.getValue(), boundPath);
            }
            return fresh;
        } catch (IOException | RuntimeException e) {
            try {
                fresh.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
