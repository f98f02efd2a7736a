package dev.uds.backend.jnr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.Capability;
import dev.uds.Errno;
import dev.uds.SocketType;
import dev.uds.Backend;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import dev.uds.UnixSocketException;
import dev.uds.UnixSocketOption;
import dev.uds.linux.SocketOptions;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the provider declares is what its calls and the core's option table implement, listed
 * explicitly, and not every capability the API has (so a new one is declared by no backend
 * before it works there); each option of the table works on a real socket.
 */
class JnrCapabilitiesTest {
    private static final Backend JNR = UnixDomain.backend("jnr");

    @Test
    void declaresItsOwnCallsAndTheCoresOptionsAndNothingElse() {
        Set<Capability> declared = JNR.capabilities();
        Set<Capability> expected = EnumSet.copyOf(JnrProvider.CALLS);
        SocketOptions.rows().forEach(row -> expected.add(row.capability()));
        assertEquals(expected, declared);
    }

    @Test
    void everyOptionOfTheCoreTableIsSetAndReadBackOnARealSocket() throws IOException {
        for (SocketOptions.Row row : SocketOptions.rows()) {
            assertTrue(JNR.supports(row.capability()), row.option() + " is declared");
            try (UnixSocket socket = JNR.open(SocketType.STREAM)) {
                roundTrip(socket, row.option());
            }
        }
    }

    /** Sets what the socket reports, and reads it back: the kernel took the table's name and codec. */
    private static <T> void roundTrip(UnixSocket socket, UnixSocketOption<T> option) throws IOException {
        T value;
        try {
            value = socket.getOption(option);
        } catch (UnixSocketException e) {
            if (option == UnixSocketOption.PASS_DESCRIPTORS && e.errno() == Errno.ENOPROTOOPT.number()) {
                return; // SO_PASSRIGHTS needs Linux 6.16: the kernel, not the table, lacks it
            }
            throw e;
        }
        if (option == UnixSocketOption.SEND_BUFFER_SIZE || option == UnixSocketOption.RECEIVE_BUFFER_SIZE) {
            // The kernel reports twice what was set.
            socket.setOption(option, option.type().cast((Integer) value / 2));
        } else {
            socket.setOption(option, value);
        }
        assertEquals(value, socket.getOption(option), option.name());
    }
}
