package dev.uds.backend.ffm;

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
    static final ThreadLocal<FfmScratch> CURRENT = ThreadLocal.withInitial(FfmScratch::new);

    /** The alignment of every region of a scratch: that of a pointer or a long, the most any needs. */
    private static final long SLICE_ALIGNMENT = Long.BYTES;
    /**
     * The size of one scratch's regions together: the core's structs ({@link Scratch#structs}),
     * then the fields below that are FFM's own, each rounded up to {@link #SLICE_ALIGNMENT}, in
     * their order. A region added there and not here fails at the first scratch ({@code asSlice}
     * out of bounds), never silently.
     */
    private static final long BLOCK_SIZE = aligned(STRUCTS_SIZE) + aligned(Libc.CAPTURE_LAYOUT.byteSize())
            + aligned(Integer.BYTES) + aligned(2L * Integer.BYTES) + aligned(LibcStructs.EPOLL_EVENT.byteSize());

    /**
     * Every region below is a slice of one allocation: a server with a virtual thread per
     * connection makes a scratch per connection, and one malloc with one cleaner costs a fraction
     * of one per region.
     */
    private final MemorySegment block;
    /** Where the next slice of {@link #block} starts, while the fields below are made. */
    private long sliced = aligned(STRUCTS_SIZE);

    /**
     * The core's structs as the downcalls take them, segments made once over the same memory: a
     * {@code sockaddr_un}, option values and control data, which the core's codecs write and read
     * as native-order buffers.
     */
    final MemorySegment sockaddr;
    final ByteBuffer sockaddrBuffer;
    /** An option's value: an int, a timeval or a ucred. */
    final MemorySegment value;
    final ByteBuffer valueBuffer;
    final MemorySegment control;
    final ByteBuffer controlBuffer;
    /** A {@code socklen_t}. */
    final MemorySegment length;
    final MemorySegment pollfd;
    final MemorySegment msghdr;
    final MemorySegment iovec;

    final MemorySegment errno;
    /** An {@code int} option value. */
    final MemorySegment intValue;
    final MemorySegment epollEvent;

    /** The native addresses of {@link #sockaddr} and {@link #length}, for sendto and recvfrom. */
    final long sockaddrAddress;
    final long lengthAddress;

    private FfmScratch() {
        this(Arena.ofAuto().allocate(BLOCK_SIZE, SLICE_ALIGNMENT));
    }

    private FfmScratch(MemorySegment block) {
        super(FfmDirectMemory.INSTANCE, Thread.currentThread().isVirtual(), nativeBuffer(block.asSlice(0, STRUCTS_SIZE)),
                block.address());
        this.block = block;
        sockaddr = block.asSlice(SOCKADDR, Structs.SOCKADDR_UN_SIZE);
        sockaddrBuffer = nativeBuffer(sockaddr);
        value = block.asSlice(VALUE, Structs.TIMEVAL_SIZE);
        valueBuffer = nativeBuffer(value);
        control = block.asSlice(CONTROL, Structs.MAX_CONTROL);
        controlBuffer = nativeBuffer(control);
        length = block.asSlice(LENGTH, Integer.BYTES);
        pollfd = block.asSlice(POLLFD, LibcStructs.POLLFD.byteSize());
        msghdr = block.asSlice(MSGHDR, LibcStructs.MSGHDR.byteSize());
        iovec = block.asSlice(IOVEC, LibcStructs.IOVEC.byteSize());
        errno = slice(Libc.CAPTURE_LAYOUT.byteSize());
        intValue = slice(Integer.BYTES);
        epollEvent = slice(LibcStructs.EPOLL_EVENT.byteSize());
        sockaddrAddress = sockaddr.address();
        lengthAddress = length.address();
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
