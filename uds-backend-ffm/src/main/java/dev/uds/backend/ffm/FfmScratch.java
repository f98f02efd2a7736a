package dev.uds.backend.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The native memory one thread's calls work in: the errno capture segment, room for a
 * {@code sockaddr_un}, a {@code msghdr} and its control buffer, option values, and a direct
 * buffer through which heap {@link ByteBuffer}s are copied. Allocated once per thread, so a call
 * allocates nothing; the memory goes back when the thread does ({@link Arena#ofAuto()}).
 *
 * <p>Only the owning thread touches its scratch, and no call keeps using it past its return, so
 * nothing here needs locking.
 */
final class FfmScratch {
    /** What the copy buffer starts at: one STREAM chunk, and most messages. */
    private static final int INITIAL_COPY_SIZE = 64 * 1024;
    /**
     * The largest copy buffer a thread keeps. A heap buffer for a larger message is copied
     * through memory of its own size, freed after the call: rare, and bounded by the socket's
     * buffer size anyway.
     */
    private static final int MAX_KEPT_COPY_SIZE = 1024 * 1024;

    private static final ThreadLocal<FfmScratch> CURRENT = ThreadLocal.withInitial(FfmScratch::new);

    private final Arena arena = Arena.ofAuto();
    final MemorySegment errno = arena.allocate(Libc.CAPTURE_LAYOUT);
    final MemorySegment sockaddr = arena.allocate(LibcStructs.SOCKADDR_UN);
    /** A {@code socklen_t} or an {@code int} option value. */
    final MemorySegment length = arena.allocate(Integer.BYTES, Integer.BYTES);
    final MemorySegment intValue = arena.allocate(Integer.BYTES, Integer.BYTES);
    /** Two descriptors from {@code socketpair(2)}. */
    final MemorySegment fdPair = arena.allocate(2L * Integer.BYTES, Integer.BYTES);
    final MemorySegment ucred = arena.allocate(LibcStructs.UCRED);
    final MemorySegment timeval = arena.allocate(LibcStructs.TIMEVAL);
    final MemorySegment pollfd = arena.allocate(LibcStructs.POLLFD);
    final MemorySegment msghdr = arena.allocate(LibcStructs.MSGHDR);
    final MemorySegment iovec = arena.allocate(LibcStructs.IOVEC);
    final MemorySegment control = arena.allocate(LibcStructs.MAX_CONTROL, Long.BYTES);

    private ByteBuffer copyBuffer = ByteBuffer.allocateDirect(INITIAL_COPY_SIZE);
    private MemorySegment copySegment = MemorySegment.ofBuffer(copyBuffer);

    private FfmScratch() {
    }

    static FfmScratch current() {
        return CURRENT.get();
    }

    /** The errno of this thread's last call. */
    int errno() {
        return Libc.errno(errno);
    }

    /**
     * A direct buffer of at least {@code size} bytes, position 0, to copy a heap buffer through.
     * Its contents are undefined.
     */
    ByteBuffer copyBuffer(int size) {
        if (size > copyBuffer.capacity()) {
            if (size > MAX_KEPT_COPY_SIZE) {
                return ByteBuffer.allocateDirect(size);
            }
            copyBuffer = ByteBuffer.allocateDirect(Math.max(size, copyBuffer.capacity() * 2));
            copySegment = MemorySegment.ofBuffer(copyBuffer);
        }
        return copyBuffer.clear();
    }

    /** The segment of a buffer from {@link #copyBuffer(int)}, without a new segment per call. */
    MemorySegment segmentOf(ByteBuffer buffer) {
        return buffer == copyBuffer ? copySegment : MemorySegment.ofBuffer(buffer.clear());
    }

    /** The chunk size a STREAM copy moves at a time. */
    int streamChunk() {
        return copyBuffer.capacity();
    }
}
