package dev.uds.backend.jdk;

import dev.uds.tck.UnixDomainTck;

/** The TCK on the {@code jdk} backend. */
class JdkTckTest extends UnixDomainTck {
    @Override
    protected String backendName() {
        return "jdk";
    }
}
