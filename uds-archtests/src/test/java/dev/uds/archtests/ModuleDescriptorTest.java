package dev.uds.archtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.UnixDomain;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hand-written module-info of each module says what docs/ARCHITECTURE.md says, and none is automatic. */
class ModuleDescriptorTest {

    private static ModuleDescriptor descriptorOf(String className) throws Exception {
        Path location = Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleReference module = ModuleFinder.of(location).findAll().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no module at " + location));
        ModuleDescriptor descriptor = module.descriptor();
        assertFalse(descriptor.isAutomatic(), descriptor.name() + " has a module-info, not an automatic name");
        return descriptor;
    }

    private static Set<String> requiredModules(ModuleDescriptor d) {
        return d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
    }

    @Test
    void theApiRequiresJavaBaseOnlyAndUsesTheProviderInterface() throws Exception {
        ModuleDescriptor api = descriptorOf(UnixDomain.class.getName());
        assertEquals("dev.uds", api.name());
        assertEquals(Set.of("java.base"), requiredModules(api));
        assertEquals(Set.of("dev.uds.spi.UnixDomainProvider"), api.uses());
        ModuleDescriptor.Exports internal = api.exports().stream()
                .filter(e -> e.source().equals("dev.uds.internal")).findFirst().orElseThrow();
        assertTrue(internal.isQualified(), "dev.uds.internal is exported to the backends and the Linux core only");
        assertTrue(internal.targets().stream().allMatch(t -> t.startsWith("dev.uds.backend.") || t.equals("dev.uds.linux")),
                internal.toString());
    }

    @Test
    void theLinuxCoreRequiresTheApiOnlyAndIsExportedToTheNativeBackendsOnly() throws Exception {
        ModuleDescriptor core = descriptorOf("dev.uds.linux.SocketOptions");
        assertEquals("dev.uds.linux", core.name());
        assertEquals(Set.of("java.base", "dev.uds"), requiredModules(core));
        assertEquals(1, core.exports().size());
        ModuleDescriptor.Exports exports = core.exports().iterator().next();
        assertEquals("dev.uds.linux", exports.source());
        assertEquals(Set.of("dev.uds.backend.ffm", "dev.uds.backend.jnr"), exports.targets());
        assertTrue(core.provides().isEmpty() && core.uses().isEmpty(), core.toString());
        for (String backend : new String[] {"dev.uds.backend.ffm.FfmProvider", "dev.uds.backend.jnr.JnrProvider"}) {
            assertTrue(requiredModules(descriptorOf(backend)).contains("dev.uds.linux"), backend);
        }
        assertFalse(requiredModules(descriptorOf("dev.uds.backend.jdk.JdkProvider")).contains("dev.uds.linux"));
    }

    @Test
    void theJdkBackendExportsNothingAndProvidesTheInterface() throws Exception {
        assertBackend("dev.uds.backend.jdk.JdkProvider", "dev.uds.backend.jdk");
    }

    @Test
    void theFfmBackendExportsNothingAndProvidesTheInterface() throws Exception {
        assertBackend("dev.uds.backend.ffm.FfmProvider", "dev.uds.backend.ffm");
    }

    @Test
    void theJnrBackendExportsNothingAndProvidesTheInterface() throws Exception {
        assertBackend("dev.uds.backend.jnr.JnrProvider", "dev.uds.backend.jnr");
    }

    @Test
    void theSumProtocolRequiresTheApiAndNoBackend() throws Exception {
        ModuleDescriptor sum = descriptorOf("dev.uds.sum.SumServer");
        assertEquals("dev.uds.sum", sum.name());
        assertTrue(requiredModules(sum).contains("dev.uds"));
        assertTrue(requiredModules(sum).stream().noneMatch(m -> m.startsWith("dev.uds.backend")), sum.toString());
    }

    @Test
    void theDoctorRequiresTheApiOnlyAndFindsBackendsAtRunTime() throws Exception {
        ModuleDescriptor doctor = descriptorOf("dev.uds.doctor.Doctor");
        assertEquals("dev.uds.doctor", doctor.name());
        assertEquals(Set.of("dev.uds", "java.base"), requiredModules(doctor), doctor.toString());
    }

    @Test
    void theNetViewsRequireTheApiAndNoBackendAndExportTheirPackage() throws Exception {
        ModuleDescriptor net = descriptorOf("dev.uds.net.UnixSocketFactory");
        assertEquals("dev.uds.net", net.name());
        assertEquals(Set.of("java.base", "dev.uds"), requiredModules(net));
        assertTrue(net.exports().stream().anyMatch(e -> e.source().equals("dev.uds.net") && !e.isQualified()),
                net.exports().toString());
        assertTrue(net.provides().isEmpty() && net.uses().isEmpty(), net.toString());
    }

    @Test
    void theSystemdModuleRequiresTheApiOnlyAndExportsItsPackage() throws Exception {
        ModuleDescriptor systemd = descriptorOf("dev.uds.systemd.SocketActivation");
        assertEquals("dev.uds.systemd", systemd.name());
        assertEquals(Set.of("java.base", "dev.uds"), requiredModules(systemd));
        assertEquals(Set.of("dev.uds.systemd"), systemd.exports().stream()
                .filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(requiredModules(descriptorOf("dev.uds.sum.SumServer")).contains("dev.uds.systemd"),
                "the sum server is socket-activated through it");
    }

    static void assertBackend(String providerClass, String moduleName) throws Exception {
        ModuleDescriptor backend = descriptorOf(providerClass);
        assertEquals(moduleName, backend.name());
        assertTrue(backend.exports().isEmpty(), moduleName + " exports nothing: " + backend.exports());
        assertEquals(1, backend.provides().size());
        ModuleDescriptor.Provides provides = backend.provides().iterator().next();
        assertEquals("dev.uds.spi.UnixDomainProvider", provides.service());
        assertEquals(java.util.List.of(providerClass), provides.providers());
        assertTrue(requiredModules(backend).contains("dev.uds"));
    }

    @Test
    void theTckExportsItsSuiteAndOpensItToJunit() throws Exception {
        ModuleDescriptor tck = descriptorOf("dev.uds.tck.UnixDomainTck");
        assertEquals("dev.uds.tck", tck.name());
        assertTrue(tck.exports().stream().anyMatch(e -> e.source().equals("dev.uds.tck") && !e.isQualified()));
    }

    @Test
    void classPathUsersFindTheSameProvidersAsModuleUsers() throws URISyntaxException {
        // META-INF/services must list what module-info provides, for applications on the class path.
        for (String name : java.util.List.of("jdk", "ffm", "jnr")) {
            assertTrue(UnixDomain.backends().stream().anyMatch(b -> b.name().equals(name)),
                    name + " is found on the class path: " + UnixDomain.backends());
        }
    }
}
