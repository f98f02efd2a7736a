package dev.uds.tck;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance suite every backend passes. A backend binds it with one class in its tests:
 * <pre>{@code
 * class JdkTckTest extends UnixDomainTck {
 *     protected String backendName() { return "jdk"; }
 * }
 * }</pre>
 * Tests of socket types and capabilities the backend does not declare are skipped with the
 * reason, and {@link UndeclaredTck} checks that each of those fails with
 * {@link dev.uds.UnsupportedFeatureException}. The whole suite must leave no socket open.
 */
@ExtendWith(TckExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class UnixDomainTck {

    /** Creates the suite; subclasses name the backend. */
    protected UnixDomainTck() {
    }

    /**
     * The name of the backend under test.
     *
     * @return the name, such as {@code "jdk"}
     */
    protected abstract String backendName();

    /** Sending and receiving. */
    @Nested
    class Transfer extends TransferTck {
    }

    /** The last message before a peer's close, received while it is sent. */
    @Nested
    class LastMessage extends LastMessageTck {
    }

    /** Exception types and messages. */
    @Nested
    class Errors extends ErrorTck {
    }

    /** Close, and use after close. */
    @Nested
    class Close extends CloseTck {
    }

    /** Addresses and socket pairs. */
    @Nested
    class Addresses extends AddressTck {
    }

    /** Peer credentials. */
    @Nested
    class Credentials extends CredentialsTck {
    }

    /** Options, peek and bytes available. */
    @Nested
    class Options extends OptionsTck {
    }

    /** Descriptor and credential passing. */
    @Nested
    class AncillaryData extends AncillaryTck {
    }

    /** The edges of each option's valid range. */
    @Nested
    class OptionRanges extends OptionRangeTck {
    }

    /** Interrupting a thread blocked in a call, or calling with the interrupt flag set. */
    @Nested
    class Interrupts extends InterruptTck {
    }

    /** Addresses of 108 bytes with no NUL, bound by another program (a python3 peer). */
    @Nested
    class UnterminatedPaths extends UnterminatedPathTck {
    }

    /** The listen backlog, seen by clients that connect without waiting. */
    @Nested
    class Backlog extends BacklogTck {
    }

    /** Addressed datagrams: sendto, recvfrom, disconnect. */
    @Nested
    class AddressedDatagrams extends DatagramTck {
    }

    /** The errors of addressed datagrams. */
    @Nested
    class AddressedDatagramErrors extends DatagramErrorTck {
    }

    /** Batches of messages in one system call. */
    @Nested
    class MessageBatches extends BatchTck {
    }

    /** Adopting descriptor numbers as sockets. */
    @Nested
    class Adoption extends AdoptionTck {
    }

    /** The peer's pidfd and security label. */
    @Nested
    class PeerIdentity extends PeerIdentityTck {
    }

    /** Each message's sender as a pidfd. */
    @Nested
    class SenderPidfd extends SenderPidfdTck {
    }

    /** What the backend does not declare. */
    @Nested
    class Undeclared extends UndeclaredTck {
    }
}
