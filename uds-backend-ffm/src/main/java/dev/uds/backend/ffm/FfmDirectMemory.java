package dev.uds.backend.ffm;

import dev.uds.linux.DirectMemory;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/** The native memory of direct buffers, through a segment made once per buffer of a batch. */
final class FfmDirectMemory implements DirectMemory {
    static final FfmDirectMemory INSTANCE = new FfmDirectMemory();

    private FfmDirectMemory() {
    }

    @Override
    public long address(ByteBuffer direct) {
        // The segment starts at the buffer's position.
        return MemorySegment.ofBuffer(direct).address() - direct.position();
    }

    @Override
    public boolean mapped(ByteBuffer direct) {
        return MemorySegment.ofBuffer(direct).isMapped();
    }
}
