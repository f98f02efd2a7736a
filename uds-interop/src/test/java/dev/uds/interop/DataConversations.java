package dev.uds.interop;

import static dev.uds.interop.Talk.check;
import static dev.uds.interop.Talk.expect;
import static dev.uds.interop.Talk.expectEnd;
import static dev.uds.interop.Talk.send;

import dev.uds.BrokenPipeException;
import dev.uds.MessageTruncatedException;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The conversations about data itself: messages, their boundaries, end of stream and shutdown. */
final class DataConversations {
    private DataConversations() {
    }

    /** Three requests and replies: {@code "ping N"} and {@code "pong N"}. */
    static final class Messages implements Conversation {
        @Override
        public void accepting(UnixSocket s, Side side) throws IOException {
            for (int i = 1; i <= 3; i++) {
                expect(s, "ping " + i);
                send(s, "pong " + i);
            }
        }

        @Override
        public void connecting(UnixSocket s, Side side) throws IOException {
            for (int i = 1; i <= 3; i++) {
                send(s, "ping " + i);
                expect(s, "pong " + i);
            }
        }
    }

    /**
     * Messages of 1, 100, 4,000 and 60,000 bytes arrive one by one, exactly (DGRAM, SEQPACKET),
     * or as one unbroken sequence (STREAM); a message longer than the buffer is reported with its
     * real length, never cut silently. Then {@code "done"}.
     */
    static final class Boundaries implements Conversation {
        @Override
        public void accepting(UnixSocket s, Side side) throws IOException {
            if (s.type() == SocketType.STREAM) {
                ByteBuffer all = ByteBuffer.allocate(Feature.SIZES.stream().mapToInt(Integer::intValue).sum());
                Feature.SIZES.forEach(size -> all.put(Talk.pattern(size)));
                expect(s, all.array(), "the four messages' bytes in order");
            } else {
                for (int size : Feature.SIZES) {
                    expect(s, Talk.pattern(size), "a message of " + size + " bytes");
                }
                try {
                    int n = s.receive(ByteBuffer.allocate(10));
                    throw new AssertionError("a 100-byte message into 10 bytes of room returned " + n
                            + " instead of MessageTruncatedException");
                } catch (MessageTruncatedException e) {
                    check(e.messageLength() == 100 && e.received() == 10,
                            "truncation reported " + e.received() + " of " + e.messageLength() + " bytes, not 10 of 100");
                }
            }
            send(s, "done");
        }

        @Override
        public void connecting(UnixSocket s, Side side) throws IOException {
            for (int size : Feature.SIZES) {
                send(s, Talk.pattern(size));
            }
            if (s.type() != SocketType.STREAM) {
                send(s, Talk.pattern(100));
            }
            expect(s, "done");
        }
    }

    /**
     * A datagram of no bytes is a message: the connecting side sends one, then {@code "after"};
     * the accepting side receives 0 (not -1, which means end of stream), then {@code "after"},
     * and answers {@code "ok"}.
     * Only DGRAM: on SEQPACKET a message of no bytes cannot be told from the end of the stream.
     */
    static final class EmptyDatagram implements Conversation {
        @Override
        public void accepting(UnixSocket s, Side side) throws IOException {
            int n = s.receive(ByteBuffer.allocate(Talk.ROOM));
            check(n == 0, "an empty datagram was received as " + n + " bytes");
            expect(s, "after");
            send(s, "ok");
        }

        @Override
        public void connecting(UnixSocket s, Side side) throws IOException {
            int n = s.send(ByteBuffer.allocate(0));
            check(n == 0, "an empty datagram was sent as " + n + " bytes");
            send(s, "after");
            expect(s, "ok"); // the accepting side connects back to this socket: it stays open until then
        }
    }

    /**
     * End of stream: the connecting side sends {@code "last"} and shuts down its output, the
     * accepting side reads it and then -1, still sends {@code "after"}, and closes; the connecting
     * side reads {@code "after"} and then -1. DGRAM has no end of stream from a peer: there the
     * accepting side shuts down its own input and then reads -1.
     */
    static final class EndOfStream implements Conversation {
        @Override
        public void accepting(UnixSocket s, Side side) throws IOException {
            expect(s, "last");
            if (s.type().isConnectionOriented()) {
                expectEnd(s);
            }
            send(s, "after");
            if (s.type().isConnectionOriented()) {
                s.close();
            } else {
                s.shutdownInput();
                expectEnd(s);
            }
        }

        @Override
        public void connecting(UnixSocket s, Side side) throws IOException {
            send(s, "last");
            if (s.type().isConnectionOriented()) {
                s.shutdownOutput();
            }
            expect(s, "after");
            if (s.type().isConnectionOriented()) {
                expectEnd(s);
            }
        }
    }

    /**
     * After its {@code shutdownOutput}, the connecting side's send fails with EPIPE
     * ({@link BrokenPipeException}) while it still receives {@code "bye"}; on STREAM and SEQPACKET
     * the accepting side reads -1 first, and shuts down its own output after {@code "bye"}, which
     * the connecting side reads as -1.
     */
    static final class Shutdown implements Conversation {
        @Override
        public void accepting(UnixSocket s, Side side) throws IOException {
            if (s.type().isConnectionOriented()) {
                expectEnd(s);
            }
            send(s, "bye");
            if (s.type().isConnectionOriented()) {
                s.shutdownOutput();
            }
        }

        @Override
        public void connecting(UnixSocket s, Side side) throws IOException {
            s.shutdownOutput();
            try {
                int n = s.send(ByteBuffer.wrap(Talk.ascii("x")));
                throw new AssertionError("a send after shutdownOutput sent " + n + " bytes instead of EPIPE");
            } catch (BrokenPipeException expected) {
                // EPIPE, as send(2) says for a socket shut down for writing
            }
            expect(s, "bye");
            if (s.type().isConnectionOriented()) {
                expectEnd(s);
            }
        }
    }
}
