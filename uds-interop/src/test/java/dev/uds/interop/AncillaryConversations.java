package dev.uds.interop;

import static dev.uds.interop.Talk.check;
import static dev.uds.interop.Talk.expect;
import static dev.uds.interop.Talk.send;

import dev.uds.Ancillary;
import dev.uds.OpenFile;
import dev.uds.PeerCredentials;
import dev.uds.ReceivedMessage;
import dev.uds.SocketPair;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The conversations that pass something with a message: descriptors, a socket, credentials. */
final class AncillaryConversations {
    private AncillaryConversations() {
    }

    /**
     * Each side passes the other a file it opened ({@code SCM_RIGHTS}) with the message
     * {@code "fd"}, the connecting side first; the receiver reads the file's text through the
     * descriptor it received.
     */
    static final class Descriptors implements Conversation {
        @Override
        public void accepting(UnixSocket s, Side side) throws IOException {
            receiveFile(s, "written by the connecting side");
            sendFile(s, side.dir(), "written by the accepting side");
        }

        @Override
        public void connecting(UnixSocket s, Side side) throws IOException {
            sendFile(s, side.dir(), "written by the connecting side");
            receiveFile(s, "written by the accepting side");
        }
    }

    /**
     * Handing a connection to another process: the connecting side passes one end of a new
     * socket pair of the same type with the message {@code "socket"}, and keeps the other; the
     * accepting side adopts what it received as a socket of that type and writes
     * {@code "through the passed socket"} on it, which arrives at the end that was kept.
     */
    static final class SocketPassing implements Conversation {
        @Override
        public void accepting(UnixSocket s, Side side) throws IOException {
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
        public void connecting(UnixSocket s, Side side) throws IOException {
            try (SocketPair pair = UnixDomain.backend(s.backend()).pair(s.type())) {
                s.send(ByteBuffer.wrap(Talk.ascii("socket")), Ancillary.descriptors(pair.second()));
                pair.second().close(); // the receiver holds the only descriptor of that end now
                expect(pair.first(), "through the passed socket");
            }
        }
    }

    /**
     * The accepting side turns on {@code SO_PASSCRED} and sends {@code "ready"}; the connecting
     * side sends {@code "plain"}, then {@code "stated"} with its own credentials stated
     * ({@code SCM_CREDENTIALS}), each answered {@code "ok"}; both arrive
     * with the sender's pid, uid and gid.
     */
    static final class CredentialPassing implements Conversation {
        @Override
        public void accepting(UnixSocket s, Side side) throws IOException {
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
        public void connecting(UnixSocket s, Side side) throws IOException {
            expect(s, "ready");
            send(s, "plain");
            expect(s, "ok");
            Identity self = Identity.current();
            s.send(ByteBuffer.wrap(Talk.ascii("stated")),
                    Ancillary.credentials(PeerCredentials.of((int) self.pid(), self.uid(), self.gid())));
            expect(s, "ok");
        }
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
