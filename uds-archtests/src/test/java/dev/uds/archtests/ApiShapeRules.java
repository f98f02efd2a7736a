package dev.uds.archtests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** How the public API reads: no implementation types in its signatures, final where not meant for extension. */
class ApiShapeRules {

    /** Each rule below, checked as a test of its own. */
    @TestFactory
    Stream<DynamicTest> rules() {
        return ArchitectureRules.of(ApiShapeRules.class);
    }

    private static final String[] PUBLIC_API = {"dev.uds", "dev.uds.spi", "dev.uds.net", "dev.uds.systemd"};

    /** Types that would tie users to one backend or to JDK internals. */
    private static final DescribedPredicate<JavaClass> IMPLEMENTATION_TYPE = JavaClass.Predicates.resideInAnyPackage(
            "java.lang.foreign..", "jnr..", "org.newsclub..", "sun..", "com.sun..", "jdk.internal..", "dev.uds.backend..",
            "dev.uds.internal..").as("a type of FFM, jnr, junixsocket, JDK internals or a backend");

    static final ArchRule api_signatures_use_no_implementation_type = codeUnits()
            .that().areDeclaredInClassesThat().resideInAnyPackage(PUBLIC_API)
            .and().arePublic()
            .should(new ArchCondition<JavaCodeUnit>("use no " + IMPLEMENTATION_TYPE.getDescription()) {
                @Override
                public void check(JavaCodeUnit unit, ConditionEvents events) {
                    List<JavaClass> used = new ArrayList<>(unit.getRawParameterTypes());
                    used.add(unit.getRawReturnType());
                    used.addAll(unit.getExceptionTypes());
                    for (JavaClass type : used) {
                        if (IMPLEMENTATION_TYPE.test(type)) {
                            events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " uses " + type.getName()));
                        }
                    }
                }
            });

    static final ArchRule api_fields_use_no_implementation_type = fields()
            .that().areDeclaredInClassesThat().resideInAnyPackage(PUBLIC_API)
            .and().arePublic()
            .should().notHaveRawType(IMPLEMENTATION_TYPE);

    static final ArchRule public_api_classes_not_meant_for_extension_are_final = classes()
            .that().resideInAnyPackage(PUBLIC_API)
            .and().arePublic()
            .and().areNotInterfaces()
            .and().areNotEnums()
            .and().areNotRecords()
            .should().haveModifier(JavaModifier.FINAL);

    static final ArchRule backend_classes_are_not_public_except_their_provider = classes()
            .that().resideInAPackage("dev.uds.backend..")
            .and().arePublic()
            // jnr-ffi implements the libc binding in a class of its own loader, which can reach
            // only a public interface; its package is opened, never exported.
            .and().doNotHaveFullyQualifiedName("dev.uds.backend.jnr.libc.JnrLibc")
            // ServiceLoader on the class path instantiates the provider, so it must be public.
            .should().haveSimpleNameEndingWith("Provider");

    static final ArchRule spi_types_end_in_provider = classes()
            .that().resideInAPackage("dev.uds.spi")
            .and().areTopLevelClasses()
            .and().doNotHaveSimpleName("package-info")
            .should().haveSimpleNameEndingWith("Provider");

    static final ArchRule no_class_is_a_util_helper_or_manager = noClasses()
            .should().haveSimpleNameEndingWith("Util")
            .orShould().haveSimpleNameEndingWith("Utils")
            .orShould().haveSimpleNameEndingWith("Helper")
            .orShould().haveSimpleNameEndingWith("Manager");
}
