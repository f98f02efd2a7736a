package dev.uds.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the {@code LISTEN_*} variables say, read as {@code sd_listen_fds_with_names(3)} reads them. */
class SocketActivationTest {
    private static final long PID = 4242;

    private static SocketActivation read(String... pairs) throws SystemdEnvironmentException {
        Map<String, String> environment = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return SocketActivation.of(environment, PID);
    }

    @Test
    void withoutListenFdsThereIsNothingToTake() throws Exception {
        SocketActivation activation = read("LISTEN_PID", "1");
        assertFalse(activation.isActive());
        assertTrue(activation.descriptors().isEmpty());
        SystemdEnvironmentException e = assertThrows(SystemdEnvironmentException.class, activation::only);
        assertTrue(e.getMessage().contains("LISTEN_FDS=0"), e.getMessage());
    }

    @Test
    void descriptorsStartAtThreeAndAreNamedInOrder() throws Exception {
        SocketActivation activation = read("LISTEN_PID", "4242", "LISTEN_FDS", "3", "LISTEN_FDNAMES", "web:admin:web");
        assertTrue(activation.isActive());
        assertEquals(List.of("fd 3 (web)", "fd 4 (admin)", "fd 5 (web)"),
                activation.descriptors().stream().map(Object::toString).collect(Collectors.toList()));
        assertEquals(4, activation.named("admin").fd());
        SystemdEnvironmentException twice = assertThrows(SystemdEnvironmentException.class, () -> activation.named("web"));
        assertTrue(twice.getMessage().startsWith("2 descriptors named 'web'"), twice.getMessage());
        SystemdEnvironmentException none = assertThrows(SystemdEnvironmentException.class, () -> activation.named("ssh"));
        assertTrue(none.getMessage().contains("no descriptors named 'ssh'") && none.getMessage().contains("fd 4 (admin)"),
                none.getMessage());
        SystemdEnvironmentException notOne = assertThrows(SystemdEnvironmentException.class, activation::only);
        assertTrue(notOne.getMessage().contains("LISTEN_FDS=3"), notOne.getMessage());
    }

    @Test
    void descriptorsWithoutNamesAreUnknown() throws Exception {
        SocketActivation activation = read("LISTEN_PID", "4242", "LISTEN_FDS", "1");
        assertEquals(SocketActivation.UNNAMED, activation.only().name());
        assertEquals(3, activation.only().fd());
        assertFalse(activation.only().isTaken());
    }

    @Test
    void listenPidOfAnotherProcessIsAnErrorNamingBoth() {
        SystemdEnvironmentException e = assertThrows(SystemdEnvironmentException.class,
                () -> read("LISTEN_PID", "17", "LISTEN_FDS", "1"));
        assertTrue(e.getMessage().startsWith("LISTEN_PID=17 is not this process (pid 4242)"), e.getMessage());
        assertTrue(e.getMessage().contains("LISTEN_PID, LISTEN_FDS, LISTEN_FDNAMES"), e.getMessage());
    }

    @Test
    void listenFdsWithoutListenPidIsAnError() {
        SystemdEnvironmentException e = assertThrows(SystemdEnvironmentException.class, () -> read("LISTEN_FDS", "1"));
        assertTrue(e.getMessage().startsWith("LISTEN_FDS=1 without LISTEN_PID"), e.getMessage());
    }

    @Test
    void valuesThatAreNotNumbersAreErrorsNamingThem() {
        SystemdEnvironmentException fds = assertThrows(SystemdEnvironmentException.class,
                () -> read("LISTEN_PID", "4242", "LISTEN_FDS", "two"));
        assertEquals("LISTEN_FDS=two is not a number of 0 or more", fds.getMessage());
        SystemdEnvironmentException negative = assertThrows(SystemdEnvironmentException.class,
                () -> read("LISTEN_PID", "4242", "LISTEN_FDS", "-1"));
        assertEquals("LISTEN_FDS=-1 is not a number of 0 or more", negative.getMessage());
        SystemdEnvironmentException pid = assertThrows(SystemdEnvironmentException.class,
                () -> read("LISTEN_PID", "self", "LISTEN_FDS", "1"));
        assertEquals("LISTEN_PID=self is not a number of 0 or more", pid.getMessage());
    }

    @Test
    void namesThatDoNotMatchTheCountAreAnError() {
        SystemdEnvironmentException e = assertThrows(SystemdEnvironmentException.class,
                () -> read("LISTEN_PID", "4242", "LISTEN_FDS", "2", "LISTEN_FDNAMES", "only-one"));
        assertEquals("LISTEN_FDNAMES=only-one names 1 descriptors, but LISTEN_FDS=2", e.getMessage());
    }

    @Test
    void zeroDescriptorsIsNotActive() throws Exception {
        assertFalse(read("LISTEN_PID", "4242", "LISTEN_FDS", "0").isActive());
    }
}
