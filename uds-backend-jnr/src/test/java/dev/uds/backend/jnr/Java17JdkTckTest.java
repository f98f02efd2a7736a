package dev.uds.backend.jnr;

import dev.uds.tck.UnixDomainTck;

/** The TCK on the {@code jdk} backend, run only on a Java 17 runtime (profile java17-runtime). */
class Java17JdkTckTest extends UnixDomainTck {
    @Override
    protected String backendName() {
        return "jdk";
    }
}
