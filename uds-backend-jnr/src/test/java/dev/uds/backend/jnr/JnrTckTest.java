package dev.uds.backend.jnr;

import dev.uds.tck.UnixDomainTck;

/** The TCK on the {@code jnr} backend. */
class JnrTckTest extends UnixDomainTck {
    @Override
    protected String backendName() {
        return "jnr";
    }
}
