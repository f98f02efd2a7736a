package dev.uds.interop;

import static dev.uds.interop.Talk.check;
import static dev.uds.interop.Talk.expect;
import static dev.uds.interop.Talk.send;

import dev.uds.Capability;
import dev.uds.PeerCredentials;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The conversations about who and where the peer is: its credentials and its address. */
final class PeerConversations {
    private PeerConversations() {
    }

    /**
     * Each side reads {@code SO_PEERCRED} and finds the other process's uid, gid and, where the
     * backend declares {@link Capability#PEER_PID}, pid. DGRAM sockets have no peer credentials
     * in the kernel.
     */
    static final class PeerCredentialsCheck implements Conversation {
        @Override
        public void accepting(UnixSocket s, Side side) throws IOException {
            checkPeer(s, side.peer());
            send(s, "checked");
        }

        @Override
        public void connecting(UnixSocket s, Side side) throws IOException {
            checkPeer(s, side.peer());
            expect(s, "checked");
        }
    }

    /**
     * The connecting side binds to {@link UnixAddress#unnamed()} before it connects, so the
     * kernel gives it an abstract name (autobind); it sends that name as it reads it, 5 hex
     * digits, and the accepting side must read the same name as its peer's address.
     */
    static final class Autobind implements Conversation {
        @Override
        public void accepting(UnixSocket s, Side side) throws IOException {
            byte[] name = Talk.receive(s, 5);
            UnixAddress told = UnixAddress.abstractName(new String(name, StandardCharsets.US_ASCII));
            check(s.remoteAddress().equals(told), "the peer says it is " + told + ", its address reads " + s.remoteAddress());
            send(s, "seen");
        }

        @Override
        public void connecting(UnixSocket s, Side side) throws IOException {
            UnixAddress local = s.localAddress();
            check(local instanceof UnixAddress.Abstract a && a.name().length == 5,
                    "autobind gave " + local + ", not an abstract name of 5 hex digits");
            send(s, ((UnixAddress.Abstract) local).name());
            expect(s, "seen");
        }
    }

    /**
     * The sides meet at an abstract address, which each reads back as its own or its peer's
     * address; then {@code "abstract ping"} and {@code "abstract pong"}.
     */
    static final class AbstractAddress implements Conversation {
        @Override
        public void accepting(UnixSocket s, Side side) throws IOException {
            check(s.localAddress().equals(side.serverAddress()),
                    "local address " + s.localAddress() + ", bound to " + side.serverAddress());
            expect(s, "abstract ping");
            send(s, "abstract pong");
        }

        @Override
        public void connecting(UnixSocket s, Side side) throws IOException {
            check(s.remoteAddress().equals(side.serverAddress()),
                    "remote address " + s.remoteAddress() + ", connected to " + side.serverAddress());
            send(s, "abstract ping");
            expect(s, "abstract pong");
        }
    }

    private static void checkPeer(UnixSocket s, Identity peer) throws IOException {
        PeerCredentials c = s.peerCredentials();
        boolean pidDeclared = UnixDomain.backend(s.backend()).supports(Capability.PEER_PID);
        boolean pidRight = pidDeclared ? c.pid().equals(java.util.OptionalInt.of((int) peer.pid())) : c.pid().isEmpty();
        check(c.uid() == peer.uid() && c.gid() == peer.gid() && pidRight,
                s.backend() + " reports peer " + c + ", the peer is " + peer
                        + (pidDeclared ? "" : " (no pid expected: " + s.backend() + " does not declare peer pid)"));
    }
}
