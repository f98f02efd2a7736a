package dev.uds.linux;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memory one thread's calls work in, as the core's flows ({@link Transfer}) use it: a
 * direct buffer through which heap {@link ByteBuffer}s are copied, never a new one per call, and
 * the native addresses of the caller's direct buffers, found through the backend's
 * {@link DirectMemory} and remembered. Each backend keeps one per thread, a subclass that adds
 * its own (ffm: the errno capture and the structs its downcalls take as segments; jnr: its structs),
 * and passes it to each flow, so that a call looks its thread's memory up once.
 *
 * <p>Only the owning thread touches its scratch, and no call keeps using it past its return, so
 * nothing here needs locking.
 *
 * <p>A thread that parks instead of blocking in the kernel ({@link #parks}: ffm's virtual
 * threads) has no copy buffer of its own: ten thousand parked connections would hold ten
 * thousand of them. It borrows one from a shared pool for each attempt of a call and gives it
 * back ({@link #releaseCopy()}) before it parks and when the call ends, so the buffers in use are
 * about as many as the carriers, as with the JDK's per-carrier buffer cache.
 */
public abstract class Scratch {
    /**
     * One STREAM chunk, and most messages: what a parking thread's pooled copy buffer holds, and
     * the least a STREAM copy moves at a time.
     */
    private static final int INITIAL_COPY_SIZE = 64 * 1024;
    /**
     * The least a blocking thread's own copy buffer starts at: a thread that only ever copies
     * small messages keeps a small buffer (a server with a thread per connection holds one per
     * thread); it grows when a larger message or a STREAM chunk needs more.
     */
    private static final int SMALLEST_COPY_SIZE = 4096;
    /**
     * The largest copy buffer a thread keeps. A heap buffer for a larger message is copied
     * through memory of its own size, freed after the call: rare, and bounded by the socket's
     * buffer size anyway.
     */
    private static final int MAX_KEPT_COPY_SIZE = 1024 * 1024;
    /** The most pooled copy buffers kept for parking threads; more are left to the GC. */
    private static final int MAX_POOLED = 64;
    /** How many of the caller's direct buffers a thread remembers the address of. */
    private static final int RECENT = 4;

    private static final ConcurrentLinkedQueue<Copy> POOL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    /** A direct buffer and its address, found once so that borrowing costs no lookup. */
    private static final class Copy {
        final ByteBuffer buffer;
        final long address;

        Copy(ByteBuffer buffer, long address) {
            this.buffer = buffer;
            this.address = address;
        }
    }

    /** Where a {@code sockaddr_un} sits in {@link #structs}. */
    public static final int SOCKADDR = 0;
    /** Where a {@code socklen_t} sits, that a call fills in. */
    public static final int LENGTH = 112;
    /** Where a {@code msghdr} sits. */
    public static final int MSGHDR = 128;
    /** Where its one {@code iovec} sits. */
    public static final int IOVEC = MSGHDR + Structs.MSGHDR_SIZE;
    /** Where a {@code pollfd} sits. */
    public static final int POLLFD = IOVEC + Structs.IOVEC_SIZE;
    /** Where an option's value sits: an int, a timeval or a ucred. */
    public static final int VALUE = POLLFD + Structs.POLLFD_SIZE;
    /** Where the control buffer sits: every descriptor one message may carry, and credentials. */
    public static final int CONTROL = 256;
    /** The size of {@link #structs}. */
    public static final int STRUCTS_SIZE = CONTROL + Structs.MAX_CONTROL;

    private final DirectMemory memory;
    /**
     * The structs a call passes to the kernel, at the offsets above, in native byte order:
     * {@link #STRUCTS_SIZE} bytes of native memory that the backend gives (ffm slices it from
     * the one block its scratch allocates).
     */
    public final ByteBuffer structs;
    /** The native address of {@link #structs}' byte 0. */
    public final long structsAddress;
    /**
     * Whether the owner parks rather than blocks in the kernel: its calls carry
     * {@code MSG_DONTWAIT} and wait through {@link InterruptibleSocket#awaitReady} on EAGAIN.
     */
    public final boolean parks;
    /** The copy buffer: the thread's own, or for a parking thread the one borrowed, else null. */
    private Copy copy;

    // The last direct buffers this thread sent or received with, and the address of their element 0.
    @SuppressWarnings("unchecked")
    private final WeakReference<ByteBuffer>[] recentBuffers = new WeakReference[RECENT];
    private final long[] recentBases = new long[RECENT];
    private final boolean[] recentMapped = new boolean[RECENT];
    private int nextRecent;
    /** See {@link #mapped()}. */
    private boolean mapped;
    /** The addresses this thread sent to and received from lately; made at the first datagram. */
    private RecentAddresses recentAddresses;

    /**
     * For a backend's scratch, made on its owner thread.
     *
     * @param memory  the backend's access to direct buffers
     * @param parks   whether the owner parks rather than blocks in the kernel
     * @param structs {@link #STRUCTS_SIZE} bytes of native memory, a direct buffer in native order
     * @param address its address
     */
    protected Scratch(DirectMemory memory, boolean parks, ByteBuffer structs, long address) {
        if (structs.capacity() < STRUCTS_SIZE || structs.order() != java.nio.ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException("a scratch needs " + STRUCTS_SIZE + " bytes in native order");
        }
        this.memory = memory;
        this.parks = parks;
        this.structs = structs;
        this.structsAddress = address;
    }

    /**
     * The addresses this thread sent to and received from lately, so that a reply to the same
     * peer neither encodes nor allocates again.
     *
     * @return them
     */
    public final RecentAddresses recentAddresses() {
        if (recentAddresses == null) {
            recentAddresses = new RecentAddresses();
        }
        return recentAddresses;
    }

    /**
     * Whether the buffer of the last {@link #addressOf} or {@link #addressOfCopy} maps a file
     * ({@code FileChannel.map}): the kernel's copy from it may wait for the disk, so it is never
     * given to a call that must not block long ({@link Syscalls#sendNow}).
     *
     * @return whether it maps a file
     */
    public final boolean mapped() {
        return mapped;
    }

    /**
     * The native address of a direct buffer's position. A buffer's base address never changes,
     * so it is looked up once ({@link DirectMemory}, which may allocate) and remembered, weakly,
     * for the few buffers a thread cycles through. A thread that cycles through more than a few
     * direct buffers, or passes a new duplicate or slice each call, pays the lookup each time.
     *
     * @param direct a direct buffer
     * @return the address of its position
     */
    public final long addressOf(ByteBuffer direct) {
        for (int i = 0; i < RECENT; i++) {
            WeakReference<ByteBuffer> recent = recentBuffers[i];
            if (recent != null && recent.get() == direct) {
                mapped = recentMapped[i];
                return recentBases[i] + direct.position();
            }
        }
        long base = memory.address(direct);
        int slot = nextRecent;
        nextRecent = (slot + 1) % RECENT;
        recentBuffers[slot] = new WeakReference<>(direct);
        recentBases[slot] = base;
        recentMapped[slot] = memory.mapped(direct);
        mapped = recentMapped[slot];
        return base + direct.position();
    }

    /**
     * A direct buffer of at least {@code size} bytes, position 0, to copy a heap buffer through.
     * Its contents are undefined.
     *
     * @param size the bytes needed
     * @return the buffer; its address is {@link #addressOfCopy}
     */
    public final ByteBuffer copyBuffer(int size) {
        if (copy == null) {
            copy = parks ? borrow() : allocate(Math.max(SMALLEST_COPY_SIZE, Math.min(size, INITIAL_COPY_SIZE)));
        }
        if (size > copy.buffer.capacity()) {
            if (size > MAX_KEPT_COPY_SIZE) {
                return ByteBuffer.allocateDirect(size);
            }
            if (parks) {
                // Larger than the pool's buffers: this one is the thread's until releaseCopy().
                giveBack(copy);
                copy = allocate(size);
            } else {
                copy = allocate(Math.max(size, copy.buffer.capacity() * 2));
            }
        }
        return copy.buffer.clear();
    }

    /**
     * The native address of {@code length} bytes to send from {@code src} at its position: where
     * they are for a direct buffer, else a copy of them in the copy buffer (made again at each
     * try of a parking thread, which gives its copy buffer back while parked).
     *
     * @param src    the data; its position is left as it was
     * @param length how many bytes, at most {@code src.remaining()}
     * @return the address
     */
    public final long addressOfData(ByteBuffer src, int length) {
        if (src.isDirect()) {
            return addressOf(src);
        }
        ByteBuffer copy = copyBuffer(length);
        copy.put(0, src, src.position(), length);
        return addressOfCopy(copy);
    }

    /**
     * The native address of a buffer from {@link #copyBuffer(int)}, at its start.
     *
     * @param buffer the buffer
     * @return its address
     */
    public final long addressOfCopy(ByteBuffer buffer) {
        if (copy != null && buffer == copy.buffer) {
            mapped = false;
            return copy.address;
        }
        return addressOf(buffer.clear());
    }

    /**
     * The chunk size a STREAM copy moves at a time.
     *
     * @return the bytes
     */
    public final int streamChunk() {
        return copy == null || parks ? INITIAL_COPY_SIZE : Math.max(INITIAL_COPY_SIZE, copy.buffer.capacity());
    }

    /**
     * A parking thread gives its borrowed copy buffer back: before it parks, and when a call
     * ends. Whatever {@link #copyBuffer(int)} returned before is no longer this thread's. A
     * thread that blocks keeps its own: nothing to do.
     */
    public final void releaseCopy() {
        if (parks && copy != null) {
            giveBack(copy);
            copy = null;
        }
    }

    private Copy allocate(int size) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        return new Copy(buffer, memory.address(buffer));
    }

    private Copy borrow() {
        Copy pooled = POOL.poll();
        if (pooled == null) {
            return allocate(INITIAL_COPY_SIZE);
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
