package dev.uds.backend.jdk;

import dev.uds.Errno;
import dev.uds.internal.Errors;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Map;

/**
 * Translates the JDK's socket exceptions, which carry only strerror text, into uds exceptions
 * with the errno recovered from that text.
 */
final class JdkErrors {
    // The JDK words a few errors its own way instead of strerror's.
    private static final Map<String, Errno> JDK_WORDING = Map.of(
            "Connection reset", Errno.ECONNRESET,
            "Socket closed", Errno.EBADF);

    private JdkErrors() {
    }

    static IOException translate(String call, Object target, IOException e) {
        if (e instanceof ClosedChannelException || e instanceof dev.uds.NativeError) {
            return e; // AsynchronousCloseException included, and uds's own: already the type uds promises
        }
        String message = e.getMessage();
        Errno errno = Errno.fromMessage(message)
                .orElseGet(() -> message == null ? null : JDK_WORDING.get(message.trim()));
        IOException translated = errno == null
                ? Errors.exception(call, target, 0, message)
                : Errors.exception(call, target, errno.number());
        translated.initCause(e);
        return translated;
    }
}
