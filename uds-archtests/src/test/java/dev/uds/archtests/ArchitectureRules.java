package dev.uds.archtests;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs the {@link ArchRule} constants of a rules class as JUnit Jupiter tests, one per rule,
 * against the main classes of every uds module. Jupiter rather than ArchUnit's own test engine,
 * so that the rules classes get what every test class of the project gets, such as the
 * descriptor-leak check of uds-test-support.
 */
final class ArchitectureRules {
    /** The main classes of every module on the test class path, imported once for all rules. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.uds");

    private ArchitectureRules() {
    }

    /** One test per {@code static final ArchRule} field of {@code rules}, named after the field. */
    static Stream<DynamicTest> of(Class<?> rules) {
        List<DynamicTest> tests = Arrays.stream(rules.getDeclaredFields())
                .filter(f -> f.getType() == ArchRule.class && Modifier.isStatic(f.getModifiers()))
                .map(f -> DynamicTest.dynamicTest(f.getName(), () -> rule(f).check(MAIN)))
                .toList();
        if (tests.isEmpty()) {
            throw new IllegalStateException(rules.getName() + " declares no static ArchRule field: nothing would be checked");
        }
        return tests.stream();
    }

    private static ArchRule rule(Field field) throws IllegalAccessException {
        return (ArchRule) field.get(null);
    }
}
