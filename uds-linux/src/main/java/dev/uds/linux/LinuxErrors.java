package dev.uds.linux;

import dev.uds.internal.Errors;
import java.io.IOException;

/**
 * The wording of the errors the native backends add to an errno, in one place, so that the same
 * failure reads the same on {@code ffm} and {@code jnr}. The errno-to-type table and the message's
 * frame ({@code call target: ESYMBOL (text); detail}) are {@link Errors}'.
 */
public final class LinuxErrors {
    private LinuxErrors() {
    }

    /**
     * A DGRAM or SEQPACKET message too large for the socket ({@code EMSGSIZE}).
     *
     * @param call       the call, such as {@code "send"}
     * @param target     what the socket is bound or connected to
     * @param length     the message's size
     * @param sendBuffer {@code SO_SNDBUF} as text, or {@code "unknown"}
     * @return the exception
     */
    public static IOException messageTooLarge(String call, Object target, long length, String sendBuffer) {
        return Errors.exception(call, target, Linux.EMSGSIZE, "a message of " + length
                + " bytes does not fit; the socket's send buffer (SO_SNDBUF) is " + sendBuffer
                + " bytes, and one message must fit in it whole");
    }

    /**
     * {@code SO_PEERCRED} on a socket that has no peer ({@link Ucred#peer}).
     *
     * @param target what the socket is bound to
     * @return the exception, {@code ENOTCONN}
     */
    public static IOException noPeer(Object target) {
        return Errors.exception("getsockopt SO_PEERCRED", target, Linux.ENOTCONN, "the socket has no peer");
    }
}
