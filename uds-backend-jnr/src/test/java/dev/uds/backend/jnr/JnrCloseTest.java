package dev.uds.backend.jnr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.uds.Ancillary;
import dev.uds.Backend;
import dev.uds.ReceivedMessage;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Closing a socket with no call blocked on it only closes this process's descriptor: it must
 * not shut the socket down, since another holder of the same socket (a descriptor passed with
 * SCM_RIGHTS) keeps using it. Only a close that has blocked calls to wake shuts down.
 */
class JnrCloseTest {
    private final Backend jnr = UnixDomain.backend("jnr");

    @Test
    void closingAPassedSocketLeavesTheReceiversCopyConnected() throws IOException {
        try (SocketPair carrier = jnr.pair(SocketType.STREAM); SocketPair passed = jnr.pair(SocketType.STREAM)) {
            carrier.first().send(ascii("s"), Ancillary.descriptors(passed.first()));
            passed.first().close();
            try (ReceivedMessage m = carrier.second().receiveMessage(ByteBuffer.allocate(1), 1);
                 UnixSocket copy = m.descriptors().get(0).adoptAsSocket()) {
                copy.send(ascii("still connected"));
                ByteBuffer in = ByteBuffer.allocate(15);
                while (in.hasRemaining() && passed.second().receive(in) > 0) {
                    // STREAM: gather the 15 bytes
                }
                assertEquals("still connected", new String(in.array(), StandardCharsets.US_ASCII));
            }
        }
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
