package dev.uds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BackendSelectionTest {
    private final Registry installed = Registry.installed();

    @Test
    void everyProviderFoundIsListedIncludingTheBrokenAndTheUnavailable() {
        List<String> names = UnixDomain.backends().stream().map(Backend::name).collect(Collectors.toList());
        assertTrue(names.containsAll(List.of("alpha", "beta", "gamma")), names.toString());
        Backend broken = UnixDomain.backends().stream().filter(b -> b.name().contains("Broken")).findFirst()
                .orElseThrow(() -> new AssertionError("the broken provider is reported: " + names));
        assertFalse(broken.isAvailable());
        assertInstanceOf(ServiceConfigurationError.class, broken.unavailabilityCause().orElseThrow());
        assertTrue(broken.socketTypes().isEmpty());
    }

    @Test
    void aProviderCompiledForANewerJavaIsNamedByItsClass() {
        // The JVM's own wording, as Java 17 reports the ffm backend (class file version 66).
        UnsupportedClassVersionError e = new UnsupportedClassVersionError("dev/uds/backend/ffm/FfmProvider has been "
                + "compiled by a more recent version of the Java Runtime (class file version 66.0), this version of "
                + "the Java Runtime only recognizes class file versions up to 61.0");
        assertEquals("dev.uds.backend.ffm.FfmProvider", Registry.providerClass(e));
        assertEquals("ffm", Registry.backendName(Registry.providerClass(e)));
        assertEquals("java.lang.LinkageError", Registry.backendName("java.lang.LinkageError"));
    }

    @Test
    void aProviderThatFailsTwiceOnTheModulePathIsListedOnceWithTheJvmsReason() {
        // What ServiceLoader does on Java 17 with the ffm jar on the module path: the module's
        // provides entry fails with "Unable to load", the others load, and then its
        // META-INF/services entry fails again with the JVM's own error.
        UnsupportedClassVersionError version = new UnsupportedClassVersionError("dev/uds/backend/ffm/FfmProvider has "
                + "been compiled by a more recent version of the Java Runtime (class file version 66.0), this version "
                + "of the Java Runtime only recognizes class file versions up to 61.0");
        ServiceConfigurationError fromModule = new ServiceConfigurationError(
                "dev.uds.spi.UnixDomainProvider: Unable to load dev.uds.backend.ffm.FfmProvider", version);
        List<Object> sequence = List.of(fromModule, new StandInProviders.Alpha(), version);
        Iterator<Object> steps = sequence.iterator();
        Iterable<dev.uds.spi.UnixDomainProvider> loader = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return steps.hasNext();
            }

            @Override
            public dev.uds.spi.UnixDomainProvider next() {
                Object step = steps.next();
                if (step instanceof Error) {
                    throw (Error) step;
                }
                return (dev.uds.spi.UnixDomainProvider) step;
            }
        };
        List<Backend> backends = Registry.load(loader).backends();
        assertEquals(List.of("ffm", "alpha"), backends.stream().map(Backend::name).collect(Collectors.toList()));
        assertEquals(fromModule, backends.get(0).unavailabilityCause().orElseThrow());
    }

    @Test
    void aProviderThatFailedToLoadIsFoundByItsNameAndSaysWhy() {
        UnsupportedClassVersionError e = new UnsupportedClassVersionError("dev/uds/backend/ffm/FfmProvider has been "
                + "compiled by a more recent version of the Java Runtime (class file version 66.0)");
        Registry registry = new Registry(List.of(Backend.failed(Registry.backendName(Registry.providerClass(e)), e)));
        BackendSelectionException thrown = assertThrows(BackendSelectionException.class,
                () -> registry.select(SocketType.STREAM, null, "ffm"));
        assertTrue(thrown.getMessage().contains("none of [ffm]"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("class file version 66.0"), thrown.getMessage());
    }

    @Test
    void withoutPropertyTheAvailableBackendWithTheHighestPriorityWins() {
        assertEquals("beta", installed.select(SocketType.STREAM, null, null).name());
        assertEquals("alpha", installed.select(SocketType.DGRAM, null, null).name(), "gamma is unavailable");
    }

    @Test
    void propertyPicksTheNamedBackendOverPriority() {
        assertEquals("alpha", installed.select(SocketType.STREAM, null, "alpha").name());
    }

    @Test
    void firstNamedBackendThatHasTheTypeWins() {
        assertEquals("beta", installed.select(SocketType.SEQPACKET, null, "alpha, beta").name());
        assertEquals("alpha", installed.select(SocketType.STREAM, null, "alpha,beta").name());
    }

    @Test
    void unknownNameIsAnErrorListingTheBackendsThatExist() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> installed.select(SocketType.STREAM, null, "alpha,nope"));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("alpha")
                && e.getMessage().contains("beta") && e.getMessage().contains("gamma (unavailable"), e.getMessage());
    }

    @Test
    void namedBackendWithoutTheTypeIsAnErrorNamingTypeAndAlternatives() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> installed.select(SocketType.SEQPACKET, null, "alpha"));
        assertTrue(e.getMessage().contains("SEQPACKET") && e.getMessage().contains("[alpha]")
                && e.getMessage().contains("backends that do: beta"), e.getMessage());
    }

    @Test
    void unavailableNamedBackendIsPassedOver() {
        assertEquals("alpha", installed.select(SocketType.DGRAM, null, "gamma,alpha").name());
        assertThrows(BackendSelectionException.class, () -> installed.select(SocketType.DGRAM, null, "gamma"));
    }

    @Test
    void pairIsServedOnlyByABackendWithSocketpair() {
        assertEquals("beta", installed.select(SocketType.STREAM, Capability.SOCKETPAIR, "alpha,beta").name());
        assertThrows(BackendSelectionException.class, () -> installed.select(SocketType.DGRAM, Capability.SOCKETPAIR, null));
    }

    @Test
    void noProviderAtAllIsAnErrorThatSaysWhatToInstall() {
        Registry empty = Registry.load(List.of());
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> empty.select(SocketType.STREAM, null, null));
        assertTrue(e.getMessage().contains("no backend is installed") && e.getMessage().contains("uds-backend-jdk"),
                e.getMessage());
    }

    @Test
    void systemPropertyIsReadAtEachSelection() {
        String before = System.getProperty(Registry.PROPERTY);
        try {
            System.setProperty(Registry.PROPERTY, "alpha");
            assertEquals("alpha", installed.select(SocketType.STREAM).name());
            System.setProperty(Registry.PROPERTY, "beta");
            assertEquals("beta", installed.select(SocketType.STREAM).name());
        } finally {
            if (before == null) {
                System.clearProperty(Registry.PROPERTY);
            } else {
                System.setProperty(Registry.PROPERTY, before);
            }
        }
    }

    @Test
    void backendWithoutTheTypeRefusesBeforeAnySyscallNamingWhoHasIt() {
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                () -> UnixDomain.backend("alpha").open(SocketType.SEQPACKET));
        assertEquals("alpha", e.backend());
        assertTrue(e.getMessage().contains("SEQPACKET") && e.getMessage().contains("beta"), e.getMessage());
    }

    @Test
    void unavailableBackendRefusesWithItsCause() {
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                () -> UnixDomain.backend("gamma").open(SocketType.STREAM));
        assertTrue(e.getMessage().contains("unavailable"), e.getMessage());
        assertInstanceOf(UnsupportedOperationException.class, e.getCause());
    }
}
