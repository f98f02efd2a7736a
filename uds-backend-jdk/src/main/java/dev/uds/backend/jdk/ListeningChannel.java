package dev.uds.backend.jdk;

import dev.uds.UnixAddress;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;

/**
 * How a bound socket starts to listen on the JDK, which splits what unix(7) calls one socket in
 * two: the bound {@link SocketChannel} is closed, its file removed, and a
 * {@link ServerSocketChannel} bound to the same path with the backlog asked for. Between the two,
 * for an instant, the path is free.
 */
final class ListeningChannel {
    private ListeningChannel() {
    }

    /**
     * Replaces a bound channel with a listening one at its path.
     *
     * @param bound   the bound, unconnected channel; closed by this call, whatever its outcome
     * @param path    where it is bound
     * @param backlog the backlog, checked already
     * @return the listening channel
     * @throws IOException translated, naming the path; nothing is left open, and the socket cannot
     *                     go back to how it was
     */
    static ServerSocketChannel replace(SocketChannel bound, UnixAddress.Pathname path, int backlog) throws IOException {
        ServerSocketChannel listening = null;
        try {
            listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            bound.close();
            Files.deleteIfExists(path.path());
            ServerSocketChannel binding = listening;
            ShortPath.call(path, address -> binding.bind(address, backlog));
            return listening;
        } catch (IOException e) {
            IOException failure = JdkErrors.translate("listen", path, e);
            if (listening != null) {
                try {
                    listening.close();
                } catch (IOException suppressed) {
                    failure.addSuppressed(suppressed);
                }
            }
            try {
                bound.close();
            } catch (IOException suppressed) {
                failure.addSuppressed(suppressed);
            }
            throw failure;
        }
    }
}
