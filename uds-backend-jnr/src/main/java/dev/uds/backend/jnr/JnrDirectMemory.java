package dev.uds.backend.jnr;

import dev.uds.linux.DirectMemory;
import java.nio.ByteBuffer;

/** The native memory of direct buffers, through jffi; asked once per buffer of a batch. */
final class JnrDirectMemory implements DirectMemory {
    static final JnrDirectMemory INSTANCE = new JnrDirectMemory();

    private JnrDirectMemory() {
    }

    @Override
    public long address(ByteBuffer direct) {
        return JnrScratch.address(direct);
    }

    /** jnr makes no critical calls, so whether a buffer maps a file changes nothing here. */
    @Override
    public boolean mapped(ByteBuffer direct) {
        return false;
    }
}
