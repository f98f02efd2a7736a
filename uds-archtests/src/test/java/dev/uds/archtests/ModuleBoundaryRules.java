package dev.uds.archtests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Which module may know which: the API knows no backend, backends know no other backend, the
 * Linux core knows the API only and only the native backends know the core, and the views of
 * dev.uds.net know the API alone.
 */
class ModuleBoundaryRules {

    /** Each rule below, checked as a test of its own. */
    @TestFactory
    Stream<DynamicTest> rules() {
        return ArchitectureRules.of(ModuleBoundaryRules.class);
    }

    static final String[] API = {"dev.uds", "dev.uds.spi", "dev.uds.internal"};

    static final ArchRule the_api_depends_on_java_base_only = classes()
            .that().resideInAnyPackage(API)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.uds", "dev.uds.spi", "dev.uds.internal",
                    "java.lang..", "java.io..", "java.nio..", "java.net..", "java.util..", "java.time..");

    static final ArchRule the_api_depends_on_no_backend = noClasses()
            .that().resideInAnyPackage(API)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.uds.backend..", "dev.uds.tck..", "dev.uds.sum..", "dev.uds.bench..", "dev.uds.doctor..", "dev.uds.systemd..");

    static final ArchRule the_linux_core_depends_on_the_api_only = classes()
            .that().resideInAPackage("dev.uds.linux..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.uds", "dev.uds.internal", "dev.uds.linux..",
                    "java.lang..", "java.io..", "java.nio..", "java.net..", "java.util..", "java.time..");

    static final ArchRule only_the_native_backends_depend_on_the_linux_core = noClasses()
            .that().resideOutsideOfPackages("dev.uds.linux..", "dev.uds.backend.ffm..", "dev.uds.backend.jnr..")
            .should().dependOnClassesThat().resideInAPackage("dev.uds.linux..");

    static final ArchRule the_ffm_backend_depends_on_the_api_and_the_core_only = classes()
            .that().resideInAPackage("dev.uds.backend.ffm..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.uds", "dev.uds.spi", "dev.uds.internal", "dev.uds.linux", "dev.uds.backend.ffm..", "java..",
                    // jdk.internal.ValueBased and the like, which the compiler records for FFM types.
                    "jdk.internal..");

    static final ArchRule the_jnr_backend_depends_on_the_api_the_core_and_jnr_only = classes()
            .that().resideInAPackage("dev.uds.backend.jnr..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.uds", "dev.uds.spi", "dev.uds.internal", "dev.uds.linux", "dev.uds.backend.jnr..", "java..",
                    // jnr-unixsocket, jnr-ffi, jffi and jnr-constants: this backend's binding.
                    "jnr..", "com.kenai.jffi..");

    static final ArchRule backends_do_not_depend_on_each_other = slices()
            .matching("dev.uds.backend.(*)..")
            .should().notDependOnEachOther();

    static final ArchRule the_tck_reaches_backends_only_through_the_api = noClasses()
            .that().resideInAPackage("dev.uds.tck..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.uds.backend..", "dev.uds.internal..");

    static final ArchRule the_net_views_reach_backends_only_through_the_api = noClasses()
            .that().resideInAPackage("dev.uds.net..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.uds.backend..", "dev.uds.internal..",
                    "dev.uds.spi..", "dev.uds.tck..", "dev.uds.sum..", "dev.uds.bench..");

    static final ArchRule the_net_views_depend_on_the_api_and_the_jdk_only = classes()
            .that().resideInAPackage("dev.uds.net..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.uds", "dev.uds.net..", "java..", "javax.net..");

    /** systemd's protocols are written on the public API alone, so that they work on any backend that adopts. */
    static final ArchRule the_systemd_module_uses_the_public_api_only = classes()
            .that().resideInAPackage("dev.uds.systemd..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.uds", "dev.uds.systemd..", "java.lang..", "java.io..", "java.nio..", "java.util..");

    static final ArchRule applications_of_the_api_use_no_backend_and_no_internal_helper = noClasses()
            .that().resideInAnyPackage("dev.uds.sum..", "dev.uds.bench..", "dev.uds.doctor..", "dev.uds.systemd..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.uds.backend..", "dev.uds.internal..")
            // The benchmarks name junixsocket directly, but they compare backends through the API only.
            .allowEmptyShould(true);
}
