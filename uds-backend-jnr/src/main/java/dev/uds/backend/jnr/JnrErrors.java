package dev.uds.backend.jnr;

import dev.uds.Errno;
import dev.uds.internal.Errors;
import java.io.IOException;

/**
 * jnr-unixsocket reports a failed call as an exception with {@code strerror(3)} text only; this
 * recovers the errno from that text, with jnr-constants' table first and uds' own second, and
 * builds the uds exception for it.
 */
final class JnrErrors {
    private JnrErrors() {
    }

    /** The uds exception for a jnr-unixsocket failure of {@code call} on {@code target}. */
    static IOException translate(String call, Object target, RuntimeException jnrFailure) {
        int errno = errnoOf(jnrFailure.getMessage());
        IOException e = errno == 0
                ? Errors.exception(call, target, 0, "jnr-unixsocket said: " + jnrFailure.getMessage())
                : Errors.exception(call, target, errno);
        e.initCause(jnrFailure);
        return e;
    }

    /** The errno whose description is {@code message}, or 0 when none is. */
    static int errnoOf(String message) {
        if (message == null) {
            return 0;
        }
        String text = message.trim();
        for (jnr.constants.platform.Errno e : jnr.constants.platform.Errno.values()) {
            if (e.defined() && text.equals(e.description())) {
                return e.intValue();
            }
        }
        return Errno.fromMessage(text).map(Errno::number).orElse(0);
    }
}
