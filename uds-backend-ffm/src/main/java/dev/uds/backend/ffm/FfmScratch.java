package dev.uds.backend.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.WeakReference;
import dev.uds.linux.RecentAddresses;
import dev.uds.linux.Structs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The native memory one thread's calls work in: the errno capture segment, room for a
 * {@code sockaddr_un}, a {@code msghdr} and its control buffer, option values, and a direct
 * buffer through which heap {@link ByteBuffer}s are copied. Allocated once per thread, in one
 * piece, so a call allocates nothing; the memory goes back when the thread does
 * ({@link Arena#ofAuto()}).
 *
 * <p>Only the owning thread touches its scratch, and no call keeps using it past its return, so
 * nothing here needs locking.
 *
 * <p>A virtual thread has a scratch of its own too, but not a copy buffer of its own: ten
 * thousand parked connections would hold ten thousand of them. It borrows one from a shared pool
 * for each attempt of a call and gives it back ({@link #releaseCopy()}) before it parks and when
 * the call ends, so the buffers in use are about as many as the carriers, as with the JDK's
 * per-carrier buffer cache.
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

    /** The most pooled copy buffers kept for virtual threads; more are left to the GC. */
    private static final int MAX_POOLED = 64;

    private static final ThreadLocal<FfmScratch> CURRENT = ThreadLocal.withInitial(FfmScratch::new);
    private static final ConcurrentLinkedQueue<Copy> POOL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    /** A direct buffer and its segment, made once so that borrowing allocates nothing. */
    private record Copy(ByteBuffer buffer, MemorySegment segment) {
        static Copy allocate(int size) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(size);
            return new Copy(buffer, MemorySegment.ofBuffer(buffer));
        }
    }

    /** The alignment of every region of a scratch: that of a pointer or a long, the most any needs. */
    private static final long SLICE_ALIGNMENT = Long.BYTES;
    /**
     * The size of one scratch's regions together, each rounded up to {@link #SLICE_ALIGNMENT}: the
     * fields below, in their order. A region added there and not here fails at the first scratch
     * ({@code asSlice} out of bounds), never silently.
     */
    private static final long BLOCK_SIZE = aligned(Libc.CAPTURE_LAYOUT.byteSize()) + aligned(Structs.SOCKADDR_UN_SIZE)
            + aligned(Structs.TIMEVAL_SIZE) + aligned(Structs.MAX_CONTROL) + 2 * aligned(Integer.BYTES)
            + aligned(2L * Integer.BYTES) + aligned(LibcStructs.POLLFD.byteSize())
            + aligned(LibcStructs.EPOLL_EVENT.byteSize()) + aligned(LibcStructs.MSGHDR.byteSize())
            + aligned(LibcStructs.IOVEC.byteSize());

    /** How many of the caller's direct buffers a thread remembers the address of. */
    private static final int RECENT = 4;

    /**
     * Every region below is a slice of one allocation: a server with a virtual thread per
     * connection makes a scratch per connection, and one malloc with one cleaner costs a fraction
     * of one per region (eleven allocations, three of them direct buffers with a cleaner each).
     */
    private final MemorySegment block = Arena.ofAuto().allocate(BLOCK_SIZE, SLICE_ALIGNMENT);
    /** Where the next slice of {@link #block} starts, while the fields below are made. */
    private long sliced;

    final MemorySegment errno = slice(Libc.CAPTURE_LAYOUT.byteSize());
    /**
     * A {@code sockaddr_un}, option values and control data: the core's codecs write and read
     * them as native-order buffers, the downcalls take the same memory as segments, made once.
     */
    final MemorySegment sockaddr = slice(Structs.SOCKADDR_UN_SIZE);
    final ByteBuffer sockaddrBuffer = nativeBuffer(sockaddr);
    /** An option's value: an int, a timeval or a ucred. */
    final MemorySegment value = slice(Structs.TIMEVAL_SIZE);
    final ByteBuffer valueBuffer = nativeBuffer(value);
    final MemorySegment control = slice(Structs.MAX_CONTROL);
    final ByteBuffer controlBuffer = nativeBuffer(control);
    /** A {@code socklen_t} or an {@code int} option value. */
    final MemorySegment length = slice(Integer.BYTES);
    final MemorySegment intValue = slice(Integer.BYTES);
    /** Two descriptors from {@code socketpair(2)}. */
    final MemorySegment fdPair = slice(2L * Integer.BYTES);
    final MemorySegment pollfd = slice(LibcStructs.POLLFD.byteSize());
    final MemorySegment epollEvent = slice(LibcStructs.EPOLL_EVENT.byteSize());
    final MemorySegment msghdr = slice(LibcStructs.MSGHDR.byteSize());
    final MemorySegment iovec = slice(LibcStructs.IOVEC.byteSize());

    /** The native addresses of {@link #sockaddr} and {@link #length}, for sendto and recvfrom. */
    final long sockaddrAddress = sockaddr.address();
    final long lengthAddress = length.address();
    /** The addresses this thread sent to and received from lately; made at the first datagram. */
    private RecentAddresses recentAddresses;

    RecentAddresses recentAddresses() {
        if (recentAddresses == null) {
            recentAddresses = new RecentAddresses();
        }
        return recentAddresses;
    }

    /** Whether the owner is a virtual thread: its sends and receives park instead of blocking. */
    final boolean virtual = Thread.currentThread().isVirtual();

    /** The copy buffer: the thread's own, or for a virtual thread the one borrowed, else null. */
    private Copy copy;

    private FfmScratch() {
    }

    /** The next region of {@link #block}, aligned for any of the structures above. */
    private MemorySegment slice(long size) {
        MemorySegment region = block.asSlice(sliced, size);
        sliced += aligned(size);
        return region;
    }

    private static long aligned(long size) {
        return (size + SLICE_ALIGNMENT - 1) & -SLICE_ALIGNMENT;
    }

    private static ByteBuffer nativeBuffer(MemorySegment region) {
        return region.asByteBuffer().order(ByteOrder.nativeOrder());
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
        if (copy == null) {
            copy = virtual ? borrow() : Copy.allocate(INITIAL_COPY_SIZE);
        }
        if (size > copy.buffer.capacity()) {
            if (size > MAX_KEPT_COPY_SIZE) {
                return ByteBuffer.allocateDirect(size);
            }
            if (virtual) {
                // Larger than the pool's buffers: this one is the thread's until releaseCopy().
                giveBack(copy);
                copy = Copy.allocate(size);
            } else {
                copy = Copy.allocate(Math.max(size, copy.buffer.capacity() * 2));
            }
        }
        return copy.buffer.clear();
    }

    // The last direct buffers this thread sent or received with, and the address of their element 0.
    @SuppressWarnings("unchecked")
    private final WeakReference<ByteBuffer>[] recentBuffers = new WeakReference[RECENT];
    private final long[] recentBases = new long[RECENT];
    private final boolean[] recentMapped = new boolean[RECENT];
    private int nextRecent;
    /**
     * Whether the buffer of the last {@link #addressOf} or {@link #addressOfCopy} maps a file
     * ({@code FileChannel.map}): the kernel's copy from it may wait for the disk, so it is never
     * given to a critical call ({@link Libc#sendNow}).
     */
    boolean mapped;

    /**
     * The native address of a direct buffer's position. MemorySegment.ofBuffer makes a segment
     * (and a scope) each call, which the JIT removes on some call paths and not on others (72
     * bytes a round trip on DGRAM measured by uds-bench); a buffer's base address never changes,
     * so it is looked up once and remembered, weakly, for the few buffers a thread cycles through.
     * A thread that cycles through more than {@link #RECENT} direct buffers, or passes a new
     * duplicate or slice each call, pays the lookup (and its small allocation) each time.
     */
    long addressOf(ByteBuffer direct) {
        for (int i = 0; i < RECENT; i++) {
            WeakReference<ByteBuffer> recent = recentBuffers[i];
            if (recent != null && recent.get() == direct) {
                mapped = recentMapped[i];
                return recentBases[i] + direct.position();
            }
        }
        MemorySegment segment = MemorySegment.ofBuffer(direct);
        long base = segment.address() - direct.position();
        int slot = nextRecent;
        nextRecent = (slot + 1) % RECENT;
        recentBuffers[slot] = new WeakReference<>(direct);
        recentBases[slot] = base;
        recentMapped[slot] = segment.isMapped();
        mapped = recentMapped[slot];
        return base + direct.position();
    }

    /** The native address of a buffer from {@link #copyBuffer(int)}, at its start. */
    long addressOfCopy(ByteBuffer buffer) {
        if (copy != null && buffer == copy.buffer) {
            mapped = false;
            return copy.segment.address();
        }
        return addressOf(buffer.clear());
    }

    /** The segment of a buffer from {@link #copyBuffer(int)}, without a new segment per call. */
    MemorySegment segmentOf(ByteBuffer buffer) {
        return copy != null && buffer == copy.buffer ? copy.segment : MemorySegment.ofBuffer(buffer.clear());
    }

    /** The chunk size a STREAM copy moves at a time. */
    int streamChunk() {
        return copy == null || virtual ? INITIAL_COPY_SIZE : copy.buffer.capacity();
    }

    /**
     * A virtual thread gives its borrowed copy buffer back: before it parks, and when a call
     * ends. Whatever {@link #copyBuffer(int)} returned before is no longer this thread's. A
     * platform thread keeps its own: nothing to do.
     */
    void releaseCopy() {
        if (virtual && copy != null) {
            giveBack(copy);
            copy = null;
        }
    }

    private static Copy borrow() {
        Copy pooled = POOL.poll();
        if (pooled == null) {
            return Copy.allocate(INITIAL_COPY_SIZE);
        }
        POOLED.decrementAndGet();
        return pooled;
    }

    private static void giveBack(Copy returned) {
        if (returned.buffer.capacity() == INITIAL_COPY_SIZE && POOLED.incrementAndGet() <= MAX_POOLED) {
            POOL.offer(returned);
        } else if (returned.buffer.capacity() == INITIAL_COPY_SIZE) {
            POOLED.decrementAndGet();
        }
    }
}
