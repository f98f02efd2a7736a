package dev.uds.backend.ffm;

import dev.uds.tck.UnixDomainTck;

/** The TCK on the {@code ffm} backend. */
class FfmTckTest extends UnixDomainTck {
    @Override
    protected String backendName() {
        return "ffm";
    }
}
