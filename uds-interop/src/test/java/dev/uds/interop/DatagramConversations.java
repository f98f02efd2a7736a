package dev.uds.interop;

import static dev.uds.interop.Talk.check;

import dev.uds.MessageTruncatedException;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The halves of {@link Feature#ADDRESSED_DATAGRAMS}, on unconnected DGRAM sockets: the accepting
 * side is bound at the cell's address; the connecting side is autobound (or, for a peer that
 * cannot autobind, bound to a pathname) and connects to nothing (see {@link Rendezvous}).
 */
final class DatagramConversations {
    private DatagramConversations() {
    }

    /** The reply to the datagram of 100 bytes: the length the server found, whatever its buffer. */
    static final String TRUNCATED_REPLY = "truncated 100";

    /**
     * The connecting side sends {@code "ping"} to the server's address; the server answers
     * {@code "pong"} at the address the ping came from, which must be an autobound name of five
     * hex digits or a pathname. Then a datagram of 100 bytes, which the server receives into 10
     * bytes of room: reported with its real length and the same sender, and answered with
     * {@value #TRUNCATED_REPLY}. The client checks that each answer came from the server's address.
     */
    static final class Addressed implements Conversation {
        @Override
        public void accepting(UnixSocket s, Side side) throws IOException {
            ByteBuffer ping = ByteBuffer.allocate(Talk.ROOM);
            UnixAddress sender = s.receiveFrom(ping);
            check("ping".equals(text(ping)), "the first datagram was \"" + text(ping) + "\", not \"ping\"");
            checkSender(sender);
            s.sendTo(ByteBuffer.wrap(Talk.ascii("pong")), sender);
            try {
                UnixAddress again = s.receiveFrom(ByteBuffer.allocate(10));
                throw new AssertionError("a datagram of 100 bytes into 10 bytes of room came whole, from " + again);
            } catch (MessageTruncatedException e) {
                check(e.messageLength() == 100 && e.received() == 10,
                        "truncation reported " + e.received() + " of " + e.messageLength() + " bytes, not 10 of 100");
                check(sender.equals(e.sender().orElse(null)),
                        "the truncated datagram came from " + e.sender() + ", the ping from " + sender);
            }
            s.sendTo(ByteBuffer.wrap(Talk.ascii(TRUNCATED_REPLY)), sender);
        }

        @Override
        public void connecting(UnixSocket s, Side side) throws IOException {
            s.sendTo(ByteBuffer.wrap(Talk.ascii("ping")), side.serverAddress());
            expectFromServer(s, side, "pong");
            s.sendTo(ByteBuffer.wrap(Talk.pattern(100)), side.serverAddress());
            expectFromServer(s, side, TRUNCATED_REPLY);
        }

        private static void expectFromServer(UnixSocket s, Side side, String text) throws IOException {
            ByteBuffer reply = ByteBuffer.allocate(Talk.ROOM);
            UnixAddress from = s.receiveFrom(reply);
            check(text.equals(text(reply)), "the reply was \"" + text(reply) + "\", not \"" + text + "\"");
            check(side.serverAddress().equals(from), "the reply came from " + from + ", not from the server at " + side.serverAddress());
        }
    }

    /** An autobound name is five hex digits (unix(7)); a peer that cannot autobind sends from a pathname. */
    static void checkSender(UnixAddress sender) {
        if (sender instanceof UnixAddress.Abstract name) {
            check(new String(name.name(), StandardCharsets.US_ASCII).matches("[0-9a-f]{5}"),
                    "the sender " + sender + " is not an autobound name of five hex digits");
        } else {
            check(sender instanceof UnixAddress.Pathname, "the sender is " + sender + ": it cannot be answered");
        }
    }

    private static String text(ByteBuffer buffer) {
        return new String(Arrays.copyOf(buffer.array(), buffer.position()), StandardCharsets.US_ASCII);
    }
}
