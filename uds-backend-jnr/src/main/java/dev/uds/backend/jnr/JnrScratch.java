package dev.uds.backend.jnr;

import com.kenai.jffi.MemoryIO;
import dev.uds.linux.RecentAddresses;
import dev.uds.linux.Scratch;
import dev.uds.linux.Structs;
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
    /** The room for control messages: every descriptor one message may carry, and credentials. */
    static final int CONTROL_SIZE = Structs.MAX_CONTROL;

    private static final int SOCKADDR = 0;
    private static final int LENGTH = 112;
    private static final int MSGHDR = 128;
    private static final int IOVEC = MSGHDR + Structs.MSGHDR_SIZE;
    private static final int POLLFD = IOVEC + Structs.IOVEC_SIZE;
    private static final int VALUE = POLLFD + Structs.POLLFD_SIZE;
    private static final int CONTROL = 256;

    /** The structs, in native byte order. */
    final ByteBuffer structs;
    private final long structsAddress;
    private ByteBuffer data;
    private long dataAddress;

    private JnrScratch() {
        super(JnrDirectMemory.INSTANCE, false);
        structs = ByteBuffer.allocateDirect(CONTROL + CONTROL_SIZE).order(ByteOrder.nativeOrder());
        structsAddress = address(structs);
    }

    /** The addresses this thread sent to and received from lately; made at the first datagram. */
    private RecentAddresses recentAddresses;

    RecentAddresses recentAddresses() {
        if (recentAddresses == null) {
            recentAddresses = new RecentAddresses();
        }
        return recentAddresses;
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
