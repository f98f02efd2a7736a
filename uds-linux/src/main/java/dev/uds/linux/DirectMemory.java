package dev.uds.linux;

import java.nio.ByteBuffer;

/**
 * How a backend finds the native memory of a direct buffer, which only it can: FFM through a
 * memory segment, jnr through jffi. The core asks once per buffer of a batch and keeps the answer
 * ({@link BatchVectors}).
 */
public interface DirectMemory {

    /**
     * The native address of a direct buffer's element 0 (not of its position).
     *
     * @param direct a direct buffer
     * @return the address
     */
    long address(ByteBuffer direct);

    /**
     * Whether a direct buffer maps a file ({@code FileChannel.map}), whose copy by the kernel may
     * wait for the disk.
     *
     * @param direct a direct buffer
     * @return true if it maps a file; a backend that cannot tell, and does not care, says false
     */
    boolean mapped(ByteBuffer direct);
}
