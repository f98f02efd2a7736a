package dev.uds.linux;

import dev.uds.MessageBatch;
import dev.uds.internal.BatchState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The native side of one {@link MessageBatch}: an array of {@code struct mmsghdr}, each with its
 * one {@code struct iovec}, that {@code sendmmsg(2)} and {@code recvmmsg(2)} read, and native
 * memory that heap buffers are copied through. Made at the batch's first use and kept with it
 * ({@link BatchState}), with each buffer's address looked up once, so that a batch call writes
 * only the iovecs' base and length, and allocates nothing.
 *
 * <p>The rules of a batch, the same on every backend: a message sent is sent whole (its buffer's
 * position moves to its limit); a message received is placed at its buffer's position, cut to
 * the room there, with its real length recorded ({@code MSG_TRUNC} is asked for); empty
 * messages at the end of a receive on a socket whose reading side is shut down are end of
 * stream, as {@code recv(2)}'s 0 is for one message.
 */
public final class BatchVectors {
    private final MessageBatch batch;
    private final DirectMemory memory;
    private final int size;
    /** The mmsghdr array, then the iovec array; native order. */
    private final ByteBuffer structs;
    private final long structsAddress;
    /** Each buffer's element 0, or for a heap buffer the start of its copy. */
    private final long[] bases;
    /** Where each heap buffer's copy starts in {@link #copies}; -1 for a direct buffer. */
    private final int[] copyAt;
    private final ByteBuffer copies;
    private final boolean mapped;
    /** The bytes offered by the last prepare. */
    private long bytes;

    private BatchVectors(MessageBatch batch, DirectMemory memory) {
        this.batch = batch;
        this.memory = memory;
        this.size = batch.size();
        structs = ByteBuffer.allocateDirect(size * (Structs.MMSGHDR_SIZE + Structs.IOVEC_SIZE))
                .order(ByteOrder.nativeOrder());
        structsAddress = memory.address(structs);
        bases = new long[size];
        copyAt = new int[size];
        long copyBytes = 0;
        boolean anyMapped = false;
        for (int i = 0; i < size; i++) {
            ByteBuffer buffer = batch.buffer(i);
            if (buffer.isDirect()) {
                copyAt[i] = -1;
                bases[i] = memory.address(buffer);
                anyMapped |= memory.mapped(buffer);
            } else {
                copyAt[i] = (int) copyBytes;
                copyBytes += buffer.capacity();
            }
        }
        if (copyBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the heap buffers of " + batch + " hold more than 2 GiB together");
        }
        copies = copyBytes == 0 ? null : ByteBuffer.allocateDirect((int) copyBytes);
        long copiesAddress = copies == null ? 0 : memory.address(copies);
        mapped = anyMapped;
        for (int i = 0; i < size; i++) {
            if (copyAt[i] >= 0) {
                bases[i] = copiesAddress + copyAt[i];
            }
            // The fields that never change: no name, one iovec, no control data.
            int header = i * Structs.MMSGHDR_SIZE;
            structs.putLong(header + Structs.MSG_IOV, iovecAddress(i));
            structs.putLong(header + Structs.MSG_IOVLEN, 1);
        }
    }

    /**
     * The vectors of a batch, made at its first use on this backend.
     *
     * @param batch  the batch
     * @param memory the backend's way to the memory of direct buffers
     * @return the vectors
     */
    public static BatchVectors of(MessageBatch batch, DirectMemory memory) {
        BatchState.Access access = BatchState.access();
        if (access.nativeState(batch) instanceof BatchVectors vectors && vectors.memory == memory) {
            return vectors;
        }
        BatchVectors vectors = new BatchVectors(batch, memory);
        access.nativeState(batch, vectors);
        return vectors;
    }

    private long iovecAddress(int index) {
        return structsAddress + (long) size * Structs.MMSGHDR_SIZE + (long) index * Structs.IOVEC_SIZE;
    }

    /**
     * The address of message {@code index}'s {@code struct mmsghdr}, for a call from it on.
     *
     * @param index the message
     * @return the address
     */
    public long address(int index) {
        return structsAddress + (long) index * Structs.MMSGHDR_SIZE;
    }

    /**
     * The bytes the last prepare offered: a call with few may be made as a critical one.
     *
     * @return the bytes
     */
    public long bytes() {
        return bytes;
    }

    /**
     * Whether a buffer maps a file, so that a call may wait for the disk.
     *
     * @return true if one does
     */
    public boolean mapped() {
        return mapped;
    }

    /**
     * Points messages {@code offset} to {@code offset + count - 1} at their buffers' remaining
     * bytes, copying heap buffers in.
     *
     * @param offset the first message
     * @param count  how many
     * @return the address of the first message's mmsghdr
     */
    public long prepareSend(int offset, int count) {
        long total = 0;
        for (int i = offset; i < offset + count; i++) {
            ByteBuffer buffer = batch.buffer(i);
            int length = buffer.remaining();
            long base = bases[i];
            if (copyAt[i] < 0) {
                base += buffer.position();
            } else {
                copies.put(copyAt[i], buffer, buffer.position(), length);
            }
            point(i, base, length);
            total += length;
        }
        bytes = total;
        return address(offset);
    }

    /**
     * Points messages {@code offset} to {@code offset + count - 1} at their buffers' room, after
     * refusing read-only buffers: a message received first would be lost.
     *
     * @param offset the first message
     * @param count  how many
     * @return the address of the first message's mmsghdr
     * @throws IllegalArgumentException if one of the buffers is read-only
     */
    public long prepareReceive(int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            if (batch.buffer(i).isReadOnly()) {
                throw new IllegalArgumentException("cannot receive into a read-only buffer: buffer " + i + " of " + batch);
            }
        }
        long total = 0;
        for (int i = offset; i < offset + count; i++) {
            ByteBuffer buffer = batch.buffer(i);
            int room = buffer.remaining();
            point(i, copyAt[i] < 0 ? bases[i] + buffer.position() : bases[i], room);
            total += room;
        }
        bytes = total;
        return address(offset);
    }

    private void point(int index, long base, int length) {
        int iovec = size * Structs.MMSGHDR_SIZE + index * Structs.IOVEC_SIZE;
        structs.putLong(iovec + Structs.IOV_BASE, base);
        structs.putLong(iovec + Structs.IOV_LEN, length);
    }

    /**
     * The bytes message {@code index} was last pointed at: its length for a send.
     *
     * @param index the message
     * @return the length
     */
    public long length(int index) {
        return structs.getLong(size * Structs.MMSGHDR_SIZE + index * Structs.IOVEC_SIZE + Structs.IOV_LEN);
    }

    private int messageLength(int index) {
        return structs.getInt(index * Structs.MMSGHDR_SIZE + Structs.MMSG_LEN);
    }

    /**
     * After a send of {@code sent} messages from {@code offset}: moves their buffers' positions
     * and records their lengths.
     *
     * @param offset the first message
     * @param sent   how many went
     */
    public void completeSend(int offset, int sent) {
        BatchState.Access access = BatchState.access();
        for (int i = offset; i < offset + sent; i++) {
            ByteBuffer buffer = batch.buffer(i);
            int length = messageLength(i);
            buffer.position(buffer.position() + length);
            access.record(batch, i, length, length);
        }
    }

    /**
     * Whether the last of {@code received} messages from {@code offset} is empty: then the
     * caller asks whether the reading side is shut down, for {@link #completeReceive}.
     *
     * @param offset   the first message
     * @param received how many came, at least one
     * @return true if the last is empty
     */
    public boolean endsEmpty(int offset, long received) {
        return messageLength(offset + (int) received - 1) == 0;
    }

    /**
     * After a receive of {@code received} messages from {@code offset}: places them (copying heap
     * buffers out), moves the positions, and records each message's real length.
     *
     * @param offset           the first message
     * @param received         how many the call returned
     * @param readSideShutDown whether the reading side is shut down: the trailing empty messages
     *                         are then end of stream, not messages
     * @return the messages received, or -1 if none came before end of stream
     */
    public int completeReceive(int offset, long received, boolean readSideShutDown) {
        int count = (int) received;
        if (readSideShutDown) {
            while (count > 0 && messageLength(offset + count - 1) == 0) {
                count--;
            }
            if (count == 0) {
                return -1;
            }
        }
        BatchState.Access access = BatchState.access();
        for (int i = offset; i < offset + count; i++) {
            ByteBuffer buffer = batch.buffer(i);
            int length = messageLength(i);
            int placed = Math.min(length, buffer.remaining());
            if (copyAt[i] >= 0) {
                buffer.put(buffer.position(), copies, copyAt[i], placed);
            }
            buffer.position(buffer.position() + placed);
            access.record(batch, i, placed, length);
        }
        return count;
    }
}
