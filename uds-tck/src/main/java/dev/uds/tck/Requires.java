package dev.uds.tck;

import dev.uds.Capability;
import dev.uds.SocketType;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a TCK test or class only on backends that declare every socket type and capability
 * listed; elsewhere it is skipped with the reason, by {@link TckExtension}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Inherited
public @interface Requires {
    /**
     * The socket types the test needs.
     *
     * @return the types
     */
    SocketType[] types() default {};

    /**
     * The capabilities the test needs.
     *
     * @return the capabilities
     */
    Capability[] capabilities() default {};
}
