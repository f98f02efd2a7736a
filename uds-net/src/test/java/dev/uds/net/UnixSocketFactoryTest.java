package dev.uds.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.BackendSelectionException;
import dev.uds.UnixAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** Where a {@link UnixSocketFactory} takes its address from, by the constructor a library calls. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnixSocketFactoryTest {
    @TempDir
    Path dir;

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void theNoArgumentConstructorReadsTheSystemPropertyAndSaysSoWhenItIsMissing() throws Exception {
        String before = System.getProperty(UnixSocketFactory.PATH_PROPERTY);
        try {
            System.clearProperty(UnixSocketFactory.PATH_PROPERTY);
            IllegalStateException missing = assertThrows(IllegalStateException.class, UnixSocketFactory::new);
            assertTrue(missing.getMessage().contains(UnixSocketFactory.PATH_PROPERTY), missing.getMessage());
            Path path = dir.resolve("property.sock");
            System.setProperty(UnixSocketFactory.PATH_PROPERTY, path.toString());
            UnixSocketFactory factory = new UnixSocketFactory();
            assertEquals(UnixAddress.of(path), factory.address());
            assertEquals(Optional.empty(), factory.backend());
            try (PythonPeer python = PythonPeer.start(path.toString(), "echo");
                 Socket socket = factory.createSocket("ignored", 1)) {
                socket.getOutputStream().write(3);
                assertEquals(3, socket.getInputStream().read());
            }
        } finally {
            if (before == null) {
                System.clearProperty(UnixSocketFactory.PATH_PROPERTY);
            } else {
                System.setProperty(UnixSocketFactory.PATH_PROPERTY, before);
            }
        }
    }

    @Test
    void propertiesNameThePathBeforeAnAbstractNameBeforePgjdbcsArgument() {
        Properties properties = new Properties();
        properties.setProperty(UnixSocketFactory.SOCKET_FACTORY_ARG, "/run/arg.sock");
        assertEquals(UnixAddress.of("/run/arg.sock"), new UnixSocketFactory(properties).address());
        properties.setProperty(UnixSocketFactory.ABSTRACT_NAME_PROPERTY, "name");
        assertEquals(UnixAddress.abstractName("name"), new UnixSocketFactory(properties).address());
        properties.setProperty(UnixSocketFactory.PATH_PROPERTY, "/run/path.sock");
        properties.setProperty(UnixSocketFactory.BACKEND_PROPERTY, "jnr");
        UnixSocketFactory factory = new UnixSocketFactory(properties);
        assertEquals(UnixAddress.of("/run/path.sock"), factory.address());
        assertEquals(Optional.of("jnr"), factory.backend());
        assertTrue(factory.toString().contains("/run/path.sock") && factory.toString().contains("jnr"), factory.toString());
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void propertiesWithoutAnAddressAreRefusedNamingTheKeys() {
        String before = System.getProperty(UnixSocketFactory.PATH_PROPERTY);
        System.clearProperty(UnixSocketFactory.PATH_PROPERTY);
        try {
            IllegalStateException missing = assertThrows(IllegalStateException.class,
                    () -> new UnixSocketFactory(new Properties()));
            assertTrue(missing.getMessage().contains("socketFactoryArg")
                    && missing.getMessage().contains(UnixSocketFactory.PATH_PROPERTY), missing.getMessage());
        } finally {
            if (before != null) {
                System.setProperty(UnixSocketFactory.PATH_PROPERTY, before);
            }
        }
    }

    @Test
    void badPathsAndUnknownBackendsAreRefusedWhenTheFactoryIsMade() {
        assertThrows(IllegalArgumentException.class, () -> new UnixSocketFactory(""));
        assertThrows(dev.uds.AddressTooLongException.class, () -> new UnixSocketFactory("/" + "x".repeat(200)));
        BackendSelectionException unknown = assertThrows(BackendSelectionException.class,
                () -> UnixSocketFactory.of("no-such-backend", UnixAddress.of("/run/x.sock")));
        assertTrue(unknown.getMessage().contains("no-such-backend"), unknown.getMessage());
    }

    @Test
    void theStringConstructorIsPgjdbcsSocketFactoryArgument() throws Exception {
        Path path = dir.resolve("arg.sock");
        UnixSocketFactory factory = new UnixSocketFactory(path.toString());
        assertEquals(UnixAddress.of(path), factory.address());
        try (PythonPeer python = PythonPeer.start(path.toString(), "digest");
             Socket socket = factory.createSocket(java.net.InetAddress.getLoopbackAddress(), 5432, null, 0)) {
            socket.getOutputStream().write(new byte[] {1, 2, 3});
            socket.shutdownOutput();
            byte[] reply = socket.getInputStream().readAllBytes();
            assertEquals(SocketStreamsTest.summary(new byte[] {1, 2, 3}) + "\n",
                    new String(reply, java.nio.charset.StandardCharsets.US_ASCII));
        }
    }
}
