package dev.uds.interop;

import static dev.uds.interop.Talk.check;
import static dev.uds.interop.Talk.expect;
import static dev.uds.interop.Talk.expectEnd;
import static dev.uds.interop.Talk.send;

import dev.uds.Ancillary;
import dev.uds.Backend;
import dev.uds.BrokenPipeException;
import dev.uds.Capability;
import dev.uds.MessageTruncatedException;
import dev.uds.OpenFile;
import dev.uds.PeerCredentials;
import dev.uds.ReceivedMessage;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One column of the matrix: a conversation between an accepting side and a connecting side,
 * each half written against our API. The bytes of each conversation are fixed, so that a peer
 * we did not write (junixsocket, {@code interop_peer.py}) can take either half.
 */
enum Feature {
    /** Three requests and replies: {@code "ping N"} and {@code "pong N"}. */
    MESSAGES("messages",
            "three requests and replies, each way",
            EnumSet.allOf(SocketType.class)) {
        @Override
        void accepting(UnixSocket s, Side side) throws IOException {
            for (int i = 1; i <= 3; i++) {
                expect(s, "ping " + i);
                send(s, "pong " + i);
            }
        }

        @Override
        void connecting(UnixSocket s, Side side) throws IOException {
            for (int i = 1; i <= 3; i++) {
                send(s, "ping " + i);
                expect(s, "pong " + i);
            }
        }
    },
    /**
     * Messages of 1, 100, 4,000 and 60,000 bytes arrive one by one, exactly (DGRAM, SEQPACKET),
     * or as one unbroken sequence (STREAM); a message longer than the buffer is reported with its
     * real length, never cut silently. Then {@code "done"}.
     */
    BOUNDARIES("boundaries",
            "messages of 1 to 60,000 bytes arrive one by one and exactly (STREAM: as one unbroken sequence);"
                    + " one longer than the buffer is reported with its real length",
            EnumSet.allOf(SocketType.class)) {
        @Override
        void accepting(UnixSocket s, Side side) throws IOException {
            if (s.type() == SocketType.STREAM) {
                ByteBuffer all = ByteBuffer.allocate(SIZES.stream().mapToInt(Integer::intValue).sum());
                SIZES.forEach(size -> all.put(Talk.pattern(size)));
                expect(s, all.array(), "the four messages' bytes in order");
            } else {
                for (int size : SIZES) {
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
        void connecting(UnixSocket s, Side side) throws IOException {
            for (int size : SIZES) {
                send(s, Talk.pattern(size));
            }
            if (s.type() != SocketType.STREAM) {
                send(s, Talk.pattern(100));
            }
            expect(s, "done");
        }
    },
    /**
     * A datagram of no bytes is a message: the connecting side sends one, then {@code "after"};
     * the accepting side receives 0 (not -1, which means end of stream), then {@code "after"},
     * and answers {@code "ok"}.
     * Only DGRAM: on SEQPACKET a message of no bytes cannot be told from the end of the stream.
     */
    EMPTY_DATAGRAM("empty datagram",
            "a datagram of no bytes is received as 0 bytes, not as end of stream (-1)",
            EnumSet.of(SocketType.DGRAM)) {
        @Override
        void accepting(UnixSocket s, Side side) throws IOException {
            int n = s.receive(ByteBuffer.allocate(Talk.ROOM));
            check(n == 0, "an empty datagram was received as " + n + " bytes");
            expect(s, "after");
            send(s, "ok");
        }

        @Override
        void connecting(UnixSocket s, Side side) throws IOException {
            int n = s.send(ByteBuffer.allocate(0));
            check(n == 0, "an empty datagram was sent as " + n + " bytes");
            send(s, "after");
            expect(s, "ok"); // the accepting side connects back to this socket: it stays open until then
        }
    },
    /**
     * End of stream: the connecting side sends {@code "last"} and shuts down its output, the
     * accepting side reads it and then -1, still sends {@code "after"}, and closes; the connecting
     * side reads {@code "after"} and then -1. DGRAM has no end of stream from a peer: there the
     * accepting side shuts down its own input and then reads -1.
     */
    END_OF_STREAM("end of stream",
            "after the connecting side shuts down its output the other reads -1, still answers, and closes;"
                    + " then the connecting side reads -1 (DGRAM: a receive after shutdownInput returns -1)",
            EnumSet.allOf(SocketType.class)) {
        @Override
        void accepting(UnixSocket s, Side side) throws IOException {
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
        void connecting(UnixSocket s, Side side) throws IOException {
            send(s, "last");
            if (s.type().isConnectionOriented()) {
                s.shutdownOutput();
            }
            expect(s, "after");
            if (s.type().isConnectionOriented()) {
                expectEnd(s);
            }
        }
    },
    /**
     * After its {@code shutdownOutput}, the connecting side's send fails with EPIPE
     * ({@link BrokenPipeException}) while it still receives {@code "bye"}; on STREAM and SEQPACKET
     * the accepting side reads -1 first, and shuts down its own output after {@code "bye"}, which
     * the connecting side reads as -1.
     */
    SHUTDOWN("shutdown",
            "a send after shutdownOutput fails with EPIPE while receiving goes on; the peer sees end of stream",
            EnumSet.allOf(SocketType.class)) {
        @Override
        void accepting(UnixSocket s, Side side) throws IOException {
            if (s.type().isConnectionOriented()) {
                expectEnd(s);
            }
            send(s, "bye");
            if (s.type().isConnectionOriented()) {
                s.shutdownOutput();
            }
        }

        @Override
        void connecting(UnixSocket s, Side side) throws IOException {
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
    },
    /**
     * Each side reads {@code SO_PEERCRED} and finds the other process's uid, gid and, where the
     * backend declares {@link Capability#PEER_PID}, pid. DGRAM sockets have no peer credentials
     * in the kernel.
     */
    PEER_CREDENTIALS("peer credentials",
            "each side's SO_PEERCRED is the other process's uid, gid and (where declared) pid",
            EnumSet.of(SocketType.STREAM, SocketType.SEQPACKET),
            Capability.PEER_CREDENTIALS) {
        @Override
        void accepting(UnixSocket s, Side side) throws IOException {
            checkPeer(s, side.peer());
            send(s, "checked");
        }

        @Override
        void connecting(UnixSocket s, Side side) throws IOException {
            checkPeer(s, side.peer());
            expect(s, "checked");
        }
    },
    /**
     * Each side passes the other a file it opened ({@code SCM_RIGHTS}) with the message
     * {@code "fd"}, the connecting side first; the receiver reads the file's text through the
     * descriptor it received.
     */
    DESCRIPTORS("descriptor passing",
            "each side passes the other an open file (SCM_RIGHTS), read through the received descriptor",
            EnumSet.allOf(SocketType.class), Capability.DESCRIPTOR_PASSING) {
        @Override
        void accepting(UnixSocket s, Side side) throws IOException {
            receiveFile(s, "written by the connecting side");
            sendFile(s, side.dir(), "written by the accepting side");
        }

        @Override
        void connecting(UnixSocket s, Side side) throws IOException {
            sendFile(s, side.dir(), "written by the connecting side");
            receiveFile(s, "written by the accepting side");
        }
    },
    /**
     * Handing a connection to another process: the connecting side passes one end of a new
     * socket pair of the same type with the message {@code "socket"}, and keeps the other; the
     * accepting side adopts what it received as a socket of that type and writes
     * {@code "through the passed socket"} on it, which arrives at the end that was kept.
     */
    SOCKET_PASSING("socket passing",
            "the connecting side passes one end of a socketpair (SCM_RIGHTS); the other adopts it as a socket of the"
                    + " same type and writes through it to the end that was kept",
            EnumSet.allOf(SocketType.class), Capability.DESCRIPTOR_PASSING, Capability.SOCKETPAIR) {
        @Override
        void accepting(UnixSocket s, Side side) throws IOException {
            ByteBuffer dst = ByteBuffer.allocate(6);
            try (ReceivedMessage m = s.receiveMessage(dst, 1)) {
                check(m.bytes() == 6 && "socket".equals(new String(dst.array(), StandardCharsets.US_ASCII)),
                        "expected \"socket\", received " + m.bytes() + " bytes");
                check(m.descriptors().size() == 1, "expected 1 descriptor, received " + m.descriptors().size());
                check(m.descriptors().get(0).isUnixSocket(), "the passed descriptor is not an AF_UNIX socket");
                try (UnixSocket passed = m.descriptors().get(0).adoptAsSocket()) {
                    check(passed.type() == s.type(), "the passed socket was adopted as " + passed.type()
                            + ", it is " + s.type());
                    send(passed, "through the passed socket");
                }
            }
        }

        @Override
        void connecting(UnixSocket s, Side side) throws IOException {
            try (SocketPair pair = UnixDomain.backend(s.backend()).pair(s.type())) {
                s.send(ByteBuffer.wrap(Talk.ascii("socket")), Ancillary.descriptors(pair.second()));
                pair.second().close(); // the receiver holds the only descriptor of that end now
                expect(pair.first(), "through the passed socket");
            }
        }
    },
    /**
     * The accepting side turns on {@code SO_PASSCRED} and sends {@code "ready"}; the connecting
     * side sends {@code "plain"}, then {@code "stated"} with its own credentials stated
     * ({@code SCM_CREDENTIALS}), each answered {@code "ok"}; both arrive"
                    + " with the sender's pid, uid
     * and gid.
     */
    CREDENTIALS("credential passing",
            "with SO_PASSCRED on, a plain message and one with stated credentials both arrive"
                    + " with the sender's pid, uid and gid (SCM_CREDENTIALS)",
            EnumSet.allOf(SocketType.class), Capability.CREDENTIAL_PASSING) {
        @Override
        void accepting(UnixSocket s, Side side) throws IOException {
            s.setOption(UnixSocketOption.PASS_CREDENTIALS, true);
            send(s, "ready");
            for (String text : List.of("plain", "stated")) {
                ByteBuffer dst = ByteBuffer.allocate(text.length());
                try (ReceivedMessage m = s.receiveMessage(dst, 0)) {
                    check(m.bytes() == text.length() && m.messageLength() == text.length()
                                    && text.equals(new String(dst.array(), StandardCharsets.US_ASCII)),
                            "expected \"" + text + "\", received " + m.bytes() + " of " + m.messageLength() + " bytes");
                    PeerCredentials expected = PeerCredentials.of((int) side.peer().pid(), side.peer().uid(), side.peer().gid());
                    check(m.credentials().equals(Optional.of(expected)),
                            "\"" + text + "\" came with credentials " + m.credentials() + ", the sender is " + expected);
                }
                send(s, "ok");
            }
        }

        @Override
        void connecting(UnixSocket s, Side side) throws IOException {
            expect(s, "ready");
            send(s, "plain");
            expect(s, "ok");
            Identity self = Identity.current();
            s.send(ByteBuffer.wrap(Talk.ascii("stated")),
                    Ancillary.credentials(PeerCredentials.of((int) self.pid(), self.uid(), self.gid())));
            expect(s, "ok");
        }
    },
    /**
     * The connecting side binds to {@link UnixAddress#unnamed()} before it connects, so the
     * kernel gives it an abstract name (autobind); it sends that name as it reads it, 5 hex
     * digits, and the accepting side must read the same name as its peer's address.
     */
    AUTOBIND("autobind",
            "the connecting side autobinds and sends the abstract name it got; the other side reads the same name"
                    + " as its peer's address",
            EnumSet.of(SocketType.STREAM, SocketType.SEQPACKET), Capability.AUTOBIND, Capability.ABSTRACT_NAMESPACE) {
        @Override
        void accepting(UnixSocket s, Side side) throws IOException {
            byte[] name = Talk.receive(s, 5);
            UnixAddress told = UnixAddress.abstractName(new String(name, StandardCharsets.US_ASCII));
            check(s.remoteAddress().equals(told), "the peer says it is " + told + ", its address reads " + s.remoteAddress());
            send(s, "seen");
        }

        @Override
        void connecting(UnixSocket s, Side side) throws IOException {
            UnixAddress local = s.localAddress();
            check(local instanceof UnixAddress.Abstract a && a.name().length == 5,
                    "autobind gave " + local + ", not an abstract name of 5 hex digits");
            send(s, ((UnixAddress.Abstract) local).name());
            expect(s, "seen");
        }
    },
    /**
     * The sides meet at an abstract address, which each reads back as its own or its peer's
     * address; then {@code "abstract ping"} and {@code "abstract pong"}.
     */
    ABSTRACT_ADDRESS("abstract address",
            "the sides meet at an abstract address and read it back as their local or remote address",
            EnumSet.allOf(SocketType.class), Capability.ABSTRACT_NAMESPACE) {
        @Override
        void accepting(UnixSocket s, Side side) throws IOException {
            check(s.localAddress().equals(side.serverAddress()),
                    "local address " + s.localAddress() + ", bound to " + side.serverAddress());
            expect(s, "abstract ping");
            send(s, "abstract pong");
        }

        @Override
        void connecting(UnixSocket s, Side side) throws IOException {
            check(s.remoteAddress().equals(side.serverAddress()),
                    "remote address " + s.remoteAddress() + ", connected to " + side.serverAddress());
            send(s, "abstract ping");
            expect(s, "abstract pong");
        }
    };

    /** The sizes of {@link #BOUNDARIES}. */
    static final List<Integer> SIZES = List.of(1, 100, 4000, 60000);

    private final String title;
    private final String summary;
    private final Set<SocketType> types;
    private final Set<Capability> capabilities;

    Feature(String title, String summary, Set<SocketType> types, Capability... capabilities) {
        this.title = title;
        this.summary = summary;
        this.types = types;
        this.capabilities = capabilities.length == 0 ? Set.of() : EnumSet.of(capabilities[0], capabilities);
    }

    /** The accepting (or, for DGRAM, first bound) side's half. */
    abstract void accepting(UnixSocket socket, Side side) throws IOException;

    /** The connecting side's half. */
    abstract void connecting(UnixSocket socket, Side side) throws IOException;

    /** The column's title. */
    String title() {
        return title;
    }

    /** One line on what the conversation checks, for the table. */
    String summary() {
        return summary;
    }

    /** Whether the conversation means anything for the socket type. */
    boolean appliesTo(SocketType type) {
        return types.contains(type);
    }

    /** Whether the sides meet at an abstract address instead of a pathname. */
    boolean abstractAddress() {
        return this == ABSTRACT_ADDRESS;
    }

    /**
     * Why a backend cannot take part, from its declaration alone: the socket type or a
     * capability it does not declare.
     *
     * @return the reasons, empty when it declares all the conversation needs
     */
    List<String> undeclared(Backend backend, SocketType type) {
        List<String> missing = new ArrayList<>();
        if (!backend.supports(type)) {
            return List.of(backend.name() + " does not declare " + type); // its capabilities do not matter then
        }
        for (Capability c : capabilities) {
            if (!backend.supports(c)) {
                missing.add(backend.name() + " does not declare " + c.description());
            }
        }
        return missing;
    }

    private static void checkPeer(UnixSocket s, Identity peer) throws IOException {
        PeerCredentials c = s.peerCredentials();
        boolean pidDeclared = UnixDomain.backend(s.backend()).supports(Capability.PEER_PID);
        boolean pidRight = pidDeclared ? c.pid().equals(java.util.OptionalInt.of((int) peer.pid())) : c.pid().isEmpty();
        check(c.uid() == peer.uid() && c.gid() == peer.gid() && pidRight,
                s.backend() + " reports peer " + c + ", the peer is " + peer
                        + (pidDeclared ? "" : " (no pid expected: " + s.backend() + " does not declare peer pid)"));
    }

    private static void sendFile(UnixSocket s, Path dir, String text) throws IOException {
        Path file = Files.createTempFile(dir, "passed", ".txt");
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        int sent = s.send(ByteBuffer.wrap(Talk.ascii("fd")), Ancillary.descriptors(OpenFile.of(file)));
        check(sent == 2, "sent " + sent + " of the 2 bytes that carry the descriptor");
    }

    private static void receiveFile(UnixSocket s, String text) throws IOException {
        ByteBuffer dst = ByteBuffer.allocate(2);
        try (ReceivedMessage m = s.receiveMessage(dst, 1)) {
            check(m.bytes() == 2 && "fd".equals(new String(dst.array(), StandardCharsets.US_ASCII)),
                    "expected \"fd\", received " + m.bytes() + " bytes");
            check(m.descriptors().size() == 1 && !m.descriptorsTruncated(),
                    "expected 1 descriptor, received " + m.descriptors().size()
                            + (m.descriptorsTruncated() ? " (MSG_CTRUNC)" : ""));
            ByteBuffer content = ByteBuffer.allocate(256);
            while (m.descriptors().get(0).read(content) > 0) {
                // to the end of the file
            }
            String got = new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII);
            check(got.equals(text), "the passed file reads \"" + got + "\", not \"" + text + "\"");
        }
    }
}
