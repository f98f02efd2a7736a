package dev.uds.tck;

import dev.uds.Backend;
import dev.uds.Capability;
import dev.uds.SocketType;
import dev.uds.UnixDomain;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Binds the TCK to the backend under test: resolves {@link Backend} parameters, skips tests whose
 * {@link Requires} the backend does not declare, and checks that the whole suite leaks no
 * descriptor.
 */
final class TckExtension implements ParameterResolver, ExecutionCondition, BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TckExtension.class);

    static Backend backend(ExtensionContext context) {
        return UnixDomain.backend(binding(context).backendName());
    }

    /**
     * The binding, the outermost test instance: {@link UnixDomainTck} lives per class, so it
     * exists already when conditions and callbacks of its nested parts run.
     */
    private static UnixDomainTck binding(ExtensionContext context) {
        ExtensionContext outer = context;
        while (outer.getParent().flatMap(ExtensionContext::getTestClass).isPresent()) {
            outer = outer.getParent().get();
        }
        return outer.getTestInstance().map(UnixDomainTck.class::cast).orElseThrow(() ->
                new IllegalStateException("TCK test outside a UnixDomainTck binding: " + context.getUniqueId()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Backend.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return backend(context);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Requires> requires = context.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, Requires.class));
        if (requires.isEmpty()) {
            return ConditionEvaluationResult.enabled("no requirement");
        }
        Backend backend = backend(context);
        List<String> missing = new ArrayList<>();
        for (SocketType type : requires.get().types()) {
            if (!backend.supports(type)) {
                missing.add(type + " sockets");
            }
        }
        for (Capability capability : requires.get().capabilities()) {
            if (!backend.supports(capability)) {
                missing.add(capability.description());
            }
        }
        return missing.isEmpty()
                ? ConditionEvaluationResult.enabled("declared by " + backend.name())
                : ConditionEvaluationResult.disabled(backend.name() + " does not declare " + String.join(", ", missing));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (context.getRequiredTestClass().isMemberClass()) {
            return; // nested parts: the binding's own callback counts for the whole suite
        }
        Backend backend = backend(context);
        if (!backend.isAvailable()) {
            throw new IllegalStateException("the " + backend.name() + " backend under test is unavailable",
                    backend.unavailabilityCause().orElse(null));
        }
        // One socket first, so that whatever the backend loads once is loaded before counting.
        SocketType any = backend.socketTypes().iterator().next();
        backend.open(any).close();
        context.getStore(NAMESPACE).put("descriptors", OpenDescriptors.list());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (context.getRequiredTestClass().isMemberClass()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> before = context.getStore(NAMESPACE).get("descriptors", List.class);
        OpenDescriptors.assertNoneLeaked(before, "the TCK on " + binding(context).backendName());
    }
}
