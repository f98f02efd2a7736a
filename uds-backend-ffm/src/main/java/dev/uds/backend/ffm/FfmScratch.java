package dev.uds.backend.ffm;

import dev.uds.linux.RecentAddresses;
import dev.uds.linux.Scratch;
import dev.uds.linux.Structs;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The native memory one thread's calls work in: the core's {@link Scratch} (the copy buffer for
 * heap buffers, the addresses of direct ones) and what the FFM downcalls add: the errno capture
 * segment, room for a {@code sockaddr_un}, a {@code msghdr} and its control buffer, option values.
 * Allocated once per thread, in one piece, so a call allocates nothing; the memory goes back when
 * the thread does ({@link Arena#ofAuto()}). A virtual thread's scratch parks
 * ({@link Scratch#parks}): its calls never hold the carrier in the kernel.
 */
final class FfmScratch extends Scratch {
    private static final ThreadLocal<FfmScratch> CURRENT = ThreadLocal.withInitial(FfmScratch::new);

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

    private FfmScratch() {
        super(FfmDirectMemory.INSTANCE, Thread.currentThread().isVirtual());
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
}
