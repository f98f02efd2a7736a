package dev.uds.backend.jnr;

import com.kenai.jffi.MemoryIO;
import dev.uds.linux.Scratch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory for the calls of one thread: the core's {@link Scratch} (the structs a call
 * passes to libc, the copy buffer for heap buffers, the addresses of direct ones), on a direct
 * buffer whose address jffi gives. Each thread has its own, grown when needed and then kept, so
 * that a send or receive allocates nothing once the thread has made one of its size. jnr's
 * threads never park: each blocks in the kernel.
 */
final class JnrScratch extends Scratch {
    static final ThreadLocal<JnrScratch> PER_THREAD = ThreadLocal.withInitial(JnrScratch::new);

    private JnrScratch() {
        this(ByteBuffer.allocateDirect(STRUCTS_SIZE).order(ByteOrder.nativeOrder()));
    }

    private JnrScratch(ByteBuffer structs) {
        super(JnrDirectMemory.INSTANCE, false, structs, address(structs));
    }

    /** This thread's scratch memory. */
    static JnrScratch get() {
        return PER_THREAD.get();
    }

    /** The native address of a direct buffer's first byte (not its position). */
    static long address(ByteBuffer direct) {
        return MemoryIO.getInstance().getDirectBufferAddress(direct);
    }

    /** A {@code socklen_t} (or other int) that a call fills in. */
    long length() {
        return structsAddress + LENGTH;
    }

    int lengthValue() {
        return structs.getInt(LENGTH);
    }

    void setLength(int value) {
        structs.putInt(LENGTH, value);
    }

    long pollfd() {
        return structsAddress + POLLFD;
    }

    int pollfdOffset() {
        return POLLFD;
    }

    /** Room for an option's value: an int, a timeval or a ucred. */
    long value() {
        return structsAddress + VALUE;
    }

    int valueOffset() {
        return VALUE;
    }
}
