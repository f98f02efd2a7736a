package dev.uds.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.AddressTooLongException;
import dev.uds.Capability;
import dev.uds.UnixAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link UnixSockets#toJdk} and {@link UnixSockets#fromJdk}, and addresses the JDK cannot express. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AddressConversionTest {
    @TempDir
    Path dir;

    @Test
    void pathnamesAndTheUnnamedAddressGoBothWays() {
        Path path = dir.resolve("a.sock");
        assertEquals(UnixDomainSocketAddress.of(path), UnixSockets.toJdk(UnixAddress.of(path)));
        assertEquals(UnixAddress.of(path), UnixSockets.fromJdk(UnixDomainSocketAddress.of(path)));
        assertEquals(UnixAddress.of("relative.sock"), UnixSockets.fromJdk(UnixDomainSocketAddress.of("relative.sock")));
        assertEquals(UnixDomainSocketAddress.of(""), UnixSockets.toJdk(UnixAddress.unnamed()));
        assertSame(UnixAddress.unnamed(), UnixSockets.fromJdk(UnixDomainSocketAddress.of("")));
    }

    @Test
    void abstractNamesAreRefusedByTheJdkTypeAndCarriedByUnixSocketAddress() {
        UnixAddress name = UnixAddress.abstractName("uds-net-test");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> UnixSockets.toJdk(name));
        assertTrue(refused.getMessage().contains("@uds-net-test") && refused.getMessage().contains("UnixSocketAddress"),
                refused.getMessage());
        assertEquals(UnixSocketAddress.of(name), UnixSocketAddress.of(UnixAddress.abstractName("uds-net-test")));
        assertNotEquals(UnixSocketAddress.of(name), UnixSocketAddress.of(UnixAddress.abstractName("other")));
        assertEquals("@uds-net-test", UnixSocketAddress.of(name).toString());
    }

    @Test
    void aJdkPathTooLongForSunPathIsRefusedWithItsLength() {
        String longName = "x".repeat(UnixAddress.MAX_PATHNAME_BYTES + 1);
        AddressTooLongException tooLong = assertThrows(AddressTooLongException.class,
                () -> UnixSockets.fromJdk(UnixDomainSocketAddress.of(longName)));
        assertTrue(tooLong.getMessage().contains(String.valueOf(UnixAddress.MAX_PATHNAME_BYTES + 1)), tooLong.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void aUdsSocketReachesTheJdksOwnUnixChannelThroughAConvertedAddress(String backend) throws Exception {
        try (ServerSocketChannel jdk = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            jdk.bind(UnixDomainSocketAddress.of(dir.resolve("jdk.sock")));
            UnixAddress address = UnixSockets.fromJdk((UnixDomainSocketAddress) jdk.getLocalAddress());
            try (Socket socket = UnixSocketFactory.of(backend, address).createSocket("ignored", 0);
                 SocketChannel accepted = jdk.accept()) {
                socket.getOutputStream().write(new byte[] {1, 2});
                ByteBuffer got = ByteBuffer.allocate(2);
                while (got.hasRemaining()) {
                    accepted.read(got);
                }
                assertEquals(0x0102, got.getShort(0));
                assertEquals(jdk.getLocalAddress(), socket.getRemoteSocketAddress());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.net.Backends#all")
    void aFactoryForAnAbstractNameConnectsWhereTheBackendHasThem(String backend) throws Exception {
        String name = "@uds-net-" + ProcessHandle.current().pid() + "-" + backend;
        UnixSocketFactory factory = UnixSocketFactory.of(backend, UnixAddress.abstractName(name.substring(1)));
        if (!Backends.supports(backend, Capability.ABSTRACT_NAMESPACE)) {
            dev.uds.UnsupportedFeatureException refused = assertThrows(dev.uds.UnsupportedFeatureException.class,
                    () -> factory.createSocket("h", 1).close());
            assertTrue(refused.getMessage().contains(backend), refused.getMessage());
            return;
        }
        try (PythonPeer python = PythonPeer.start(name, "echo")) {
            try (Socket socket = factory.createSocket("ignored", 0)) {
                assertInstanceOf(UnixSocketAddress.class, socket.getRemoteSocketAddress());
                assertEquals(name, socket.getRemoteSocketAddress().toString());
                socket.getOutputStream().write(77);
                assertEquals(77, socket.getInputStream().read());
            }
            python.awaitSuccess();
        }
    }
}
