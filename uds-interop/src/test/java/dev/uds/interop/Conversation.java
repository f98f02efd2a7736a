package dev.uds.interop;

import dev.uds.UnixSocket;
import java.io.IOException;

/**
 * The two halves of one {@link Feature}'s conversation, each written against our API. The bytes
 * are fixed, so that a peer we did not write (junixsocket, {@code interop_peer.py}) can take
 * either half.
 */
interface Conversation {
    /** The accepting (or, for DGRAM, first bound) side's half. */
    void accepting(UnixSocket socket, Side side) throws IOException;

    /** The connecting side's half. */
    void connecting(UnixSocket socket, Side side) throws IOException;
}
