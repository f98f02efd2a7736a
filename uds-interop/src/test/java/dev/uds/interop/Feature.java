package dev.uds.interop;

import dev.uds.Backend;
import dev.uds.Capability;
import dev.uds.SocketType;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One column of the matrix: a conversation between an accepting side and a connecting side
 * ({@link Conversation}), with what it needs of a backend: the socket types it means something
 * for and the capabilities it takes.
 */
enum Feature {
    /** See {@link DataConversations.Messages}. */
    MESSAGES("messages",
            "three requests and replies, each way",
            EnumSet.allOf(SocketType.class), new DataConversations.Messages()),
    /** See {@link DataConversations.Boundaries}. */
    BOUNDARIES("boundaries",
            "messages of 1 to 60,000 bytes arrive one by one and exactly (STREAM: as one unbroken sequence);"
                    + " one longer than the buffer is reported with its real length",
            EnumSet.allOf(SocketType.class), new DataConversations.Boundaries()),
    /** See {@link DataConversations.EmptyDatagram}. */
    EMPTY_DATAGRAM("empty datagram",
            "a datagram of no bytes is received as 0 bytes, not as end of stream (-1)",
            EnumSet.of(SocketType.DGRAM), new DataConversations.EmptyDatagram()),
    /** See {@link DataConversations.EndOfStream}. */
    END_OF_STREAM("end of stream",
            "after the connecting side shuts down its output the other reads -1, still answers, and closes;"
                    + " then the connecting side reads -1 (DGRAM: a receive after shutdownInput returns -1)",
            EnumSet.allOf(SocketType.class), new DataConversations.EndOfStream()),
    /** See {@link DataConversations.Shutdown}. */
    SHUTDOWN("shutdown",
            "a send after shutdownOutput fails with EPIPE while receiving goes on; the peer sees end of stream",
            EnumSet.allOf(SocketType.class), new DataConversations.Shutdown()),
    /** See {@link PeerConversations.PeerCredentialsCheck}. */
    PEER_CREDENTIALS("peer credentials",
            "each side's SO_PEERCRED is the other process's uid, gid and (where declared) pid",
            EnumSet.of(SocketType.STREAM, SocketType.SEQPACKET), new PeerConversations.PeerCredentialsCheck(),
            Capability.PEER_CREDENTIALS),
    /** See {@link AncillaryConversations.Descriptors}. */
    DESCRIPTORS("descriptor passing",
            "each side passes the other an open file (SCM_RIGHTS), read through the received descriptor",
            EnumSet.allOf(SocketType.class), new AncillaryConversations.Descriptors(), Capability.DESCRIPTOR_PASSING),
    /** See {@link AncillaryConversations.SocketPassing}. */
    SOCKET_PASSING("socket passing",
            "the connecting side passes one end of a socketpair (SCM_RIGHTS); the other adopts it as a socket of the"
                    + " same type and writes through it to the end that was kept",
            EnumSet.allOf(SocketType.class), new AncillaryConversations.SocketPassing(),
            Capability.DESCRIPTOR_PASSING, Capability.SOCKETPAIR),
    /** See {@link AncillaryConversations.CredentialPassing}. */
    CREDENTIALS("credential passing",
            "with SO_PASSCRED on, a plain message and one with stated credentials both arrive"
                    + " with the sender's pid, uid and gid (SCM_CREDENTIALS)",
            EnumSet.allOf(SocketType.class), new AncillaryConversations.CredentialPassing(),
            Capability.CREDENTIAL_PASSING),
    /** See {@link PeerConversations.Autobind}. */
    AUTOBIND("autobind",
            "the connecting side autobinds and sends the abstract name it got; the other side reads the same name"
                    + " as its peer's address",
            EnumSet.of(SocketType.STREAM, SocketType.SEQPACKET), new PeerConversations.Autobind(),
            Capability.AUTOBIND, Capability.ABSTRACT_NAMESPACE),
    /** See {@link PeerConversations.AbstractAddress}. */
    ABSTRACT_ADDRESS("abstract address",
            "the sides meet at an abstract address and read it back as their local or remote address",
            EnumSet.allOf(SocketType.class), new PeerConversations.AbstractAddress(), Capability.ABSTRACT_NAMESPACE),
    /** See {@link DatagramConversations.Addressed}. */
    ADDRESSED_DATAGRAMS("addressed datagrams",
            "unconnected: an autobound (or pathname) client sends to the server's path, the server answers at the"
                    + " sender's address (sendto/recvfrom); a truncated datagram keeps its real length and sender",
            EnumSet.of(SocketType.DGRAM), new DatagramConversations.Addressed(), Capability.ADDRESSED_DATAGRAMS,
            Capability.AUTOBIND);

    /** The sizes of {@link #BOUNDARIES}. */
    static final List<Integer> SIZES = List.of(1, 100, 4000, 60000);

    private final String title;
    private final String summary;
    private final Set<SocketType> types;
    private final Set<Capability> capabilities;
    private final Conversation conversation;

    Feature(String title, String summary, Set<SocketType> types, Conversation conversation, Capability... capabilities) {
        this.title = title;
        this.conversation = conversation;
        this.summary = summary;
        this.types = types;
        this.capabilities = capabilities.length == 0 ? Set.of() : EnumSet.of(capabilities[0], capabilities);
    }

    /** The accepting (or, for DGRAM, first bound) side's half. */
    void accepting(UnixSocket socket, Side side) throws IOException {
        conversation.accepting(socket, side);
    }

    /** The connecting side's half. */
    void connecting(UnixSocket socket, Side side) throws IOException {
        conversation.connecting(socket, side);
    }

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
}
