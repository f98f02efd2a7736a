package dev.uds.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.uds.Capability;
import dev.uds.UnixSocketOption;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The option table's codecs as the kernel reads them: timeouts rounded up, never to 0; values out
 * of range refused before anything is written; one row for every option of the API.
 */
class SocketOptionsTest {
    private final ByteBuffer memory = ByteBuffer.allocateDirect(Structs.TIMEVAL_SIZE).order(ByteOrder.nativeOrder());

    @Test
    void everyOptionOfTheApiHasARow() {
        for (UnixSocketOption<?> option : UnixSocketOption.all()) {
            assertEquals(option, SocketOptions.row(option).option());
        }
        assertEquals(UnixSocketOption.all().size(), SocketOptions.rows().size());
    }

    /**
     * What a native provider declares is its calls' list and this table's capabilities, nothing
     * more: a capability added to the API is declared by no backend until one lists it or a row
     * needs it (the providers' {@code CAPABILITIES} are {@code withOptions(CALLS)}).
     */
    @Test
    void aProviderDeclaresItsCallsAndTheTablesCapabilitiesAndNothingElse() {
        Set<Capability> tables = EnumSet.noneOf(Capability.class);
        SocketOptions.rows().forEach(row -> tables.add(row.capability()));
        assertEquals(PeerIdentity.onThisKernel(tables), SocketOptions.withOptions(EnumSet.noneOf(Capability.class)));
        Set<Capability> calls = EnumSet.of(Capability.ABSTRACT_NAMESPACE, Capability.PEER_PIDFD);
        Set<Capability> both = EnumSet.copyOf(tables);
        both.addAll(calls);
        assertEquals(PeerIdentity.onThisKernel(both), SocketOptions.withOptions(calls));
        assertFalse(SocketOptions.withOptions(calls).contains(Capability.BATCHES), "nothing that neither brought");
    }

    @Test
    void aTimeoutUnderAMicrosecondIsOneMicrosecondNotNoLimit() {
        assertEquals(Structs.TIMEVAL_SIZE, SocketOptions.encode(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofNanos(500), memory, 0));
        assertEquals(0, memory.getLong(Structs.TV_SEC));
        assertEquals(1, memory.getLong(Structs.TV_USEC));
        assertEquals(Duration.ofNanos(1000), SocketOptions.decode(UnixSocketOption.RECEIVE_TIMEOUT, memory, 0));
    }

    @Test
    void timeoutsRoundUpToTheNextMicrosecondAndZeroStaysNoLimit() {
        SocketOptions.encode(UnixSocketOption.SEND_TIMEOUT, Duration.ofSeconds(2, 1_001), memory, 0);
        assertEquals(2, memory.getLong(Structs.TV_SEC));
        assertEquals(2, memory.getLong(Structs.TV_USEC));
        SocketOptions.encode(UnixSocketOption.SEND_TIMEOUT, Duration.ZERO, memory, 0);
        assertEquals(0, memory.getLong(Structs.TV_SEC));
        assertEquals(0, memory.getLong(Structs.TV_USEC));
        SocketOptions.encode(UnixSocketOption.SEND_TIMEOUT, Duration.ofSeconds(Long.MAX_VALUE), memory, 0);
        assertEquals(Long.MAX_VALUE / 2 / 1_000_000, memory.getLong(Structs.TV_SEC), "too long for timeval: saturated");
    }

    @Test
    void valuesOutOfRangeAreRefusedBeforeAnythingIsWritten() {
        memory.putInt(0, 42);
        assertThrows(IllegalArgumentException.class,
                () -> SocketOptions.encode(UnixSocketOption.SEND_BUFFER_SIZE, 0, memory, 0));
        assertThrows(IllegalArgumentException.class,
                () -> SocketOptions.encode(UnixSocketOption.RECEIVE_BUFFER_SIZE, -1, memory, 0));
        assertThrows(IllegalArgumentException.class,
                () -> SocketOptions.encode(UnixSocketOption.PEEK_OFFSET, -2, memory, 0));
        assertThrows(IllegalArgumentException.class,
                () -> SocketOptions.encode(UnixSocketOption.RECEIVE_TIMEOUT, Duration.ofNanos(-1), memory, 0));
        assertEquals(42, memory.getInt(0));
        assertEquals(Integer.BYTES, SocketOptions.encode(UnixSocketOption.PEEK_OFFSET, -1, memory, 0));
        assertEquals(-1, memory.getInt(0));
        SocketOptions.encode(UnixSocketOption.SEND_BUFFER_SIZE, 1, memory, 0);
        assertEquals(1, memory.getInt(0));
    }
}
