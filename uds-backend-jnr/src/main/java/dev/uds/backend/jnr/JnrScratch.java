package dev.uds.backend.jnr;

import com.kenai.jffi.MemoryIO;
import dev.uds.linux.Scratch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory for the calls of one thread: the core's {@link Scratch} (the copy buffer for
 * heap buffers, the addresses of direct ones), the structs a call passes to libc, and a data
 * buffer that the calls not yet on the core's flows copy heap buffers through. Each thread has
 * its own, grown when needed and then kept, so that a send or receive allocates nothing once the
 * thread has made one of its size. jnr's threads never park: each blocks in the kernel.
 */
final class JnrScratch extends Scratch {
    private static final ThreadLocal<JnrScratch> PER_THREAD = ThreadLocal.withInitial(JnrScratch::new);

    /** The most a STREAM call copies through the data buffer at once; larger transfers loop. */
    static final int STREAM_CHUNK = 256 * 1024;

    private ByteBuffer data;
    private long dataAddress;

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

    /**
     * A data buffer of at least {@code capacity} bytes, cleared.
     *
     * @param capacity bytes needed
     * @return the buffer; its address is {@link #dataAddress()}
     */
    ByteBuffer data(int capacity) {
        if (data == null || data.capacity() < capacity) {
            data = ByteBuffer.allocateDirect(Math.max(capacity, 4096));
            dataAddress = address(data);
        }
        data.clear();
        return data;
    }

    long dataAddress() {
        return dataAddress;
    }

    /** A {@code struct sockaddr_un}. */
    long sockaddr() {
        return structsAddress + SOCKADDR;
    }

    int sockaddrOffset() {
        return SOCKADDR;
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

    long msghdr() {
        return structsAddress + MSGHDR;
    }

    int msghdrOffset() {
        return MSGHDR;
    }

    long iovec() {
        return structsAddress + IOVEC;
    }

    int iovecOffset() {
        return IOVEC;
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

    long control() {
        return structsAddress + CONTROL;
    }

    int controlOffset() {
        return CONTROL;
    }
}
