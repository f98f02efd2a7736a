package dev.uds;

import dev.uds.internal.BatchState;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A fixed set of buffers that {@link UnixSocket#sendBatch} and {@link UnixSocket#receiveBatch}
 * send from and receive into, many messages in one system call, and each message's result.
 * Made once and reused, so that a batch call allocates nothing: the native vectors that the
 * kernel reads ({@code struct mmsghdr} and {@code struct iovec}, one per buffer) are made at its
 * first use and kept with it.
 *
 * <p>Each buffer is used as {@link UnixSocket#send(ByteBuffer)} and
 * {@link UnixSocket#receive(ByteBuffer)} use one: a message is sent from its position to its
 * limit, and received at its position, which advances by the bytes sent or placed. So flip a
 * buffer after filling it, and clear it ({@link #clear()} clears them all) before receiving into
 * it again. A received message longer than its buffer's room is truncated, as the kernel does,
 * and reported here rather than thrown: {@link #messageLength(int)} is its real length.
 *
 * <h2>Sending</h2>
 * {@link UnixSocket#sendBatch} sends each buffer's remaining bytes as one message, whole or not at
 * all; each sent buffer's position advances to its limit, and {@link #bytes(int)} gives the bytes
 * sent. It waits for room as {@link UnixSocket#send(ByteBuffer)} does, so every message is sent
 * unless one fails. A failure part-way is not thrown: the messages before the failed one went,
 * and their count is returned; the failed message and those after it did not go, and a call
 * starting at it (the offset plus the count) reports the failure, as {@code sendmmsg} does. Only
 * a failure of the first message throws. With a send timeout, a queue that stays full part-way
 * thus returns the count sent so far, and a queue full from the start throws the timeout.
 *
 * <h2>Receiving</h2>
 * {@link UnixSocket#receiveBatch} waits for the first message as
 * {@link UnixSocket#receive(ByteBuffer)} does (a receive timeout applies), then takes the
 * messages already queued, up to the count asked, without waiting for more: fewer queued than
 * asked returns those. Each message goes at its buffer's position, which advances by the bytes
 * placed; a message longer than its buffer's room is truncated, and reported, not thrown:
 * {@link #messageLength(int)} is its real length, {@link #truncated(int)} true. Read-only buffers
 * are refused before any system call. End of stream is reported as {@code receive} reports it:
 * messages received before it are returned, and the next call returns -1.
 *
 * <p>Direct buffers ({@link #allocate(int, int)}) are handed to the kernel where they are; heap
 * buffers given to {@link #of(ByteBuffer...)} are copied through native memory that the batch
 * keeps, as large as their capacities together. A batch is used by one call at a time.
 *
 * @see "sendmmsg(2), recvmmsg(2)"
 */
public final class MessageBatch {
    /** The most messages one batch holds: the kernel's limit per call ({@code UIO_MAXIOV}). */
    public static final int MAX_MESSAGES = 1024;

    private final ByteBuffer[] buffers;
    private final int[] bytes;
    private final int[] messageLengths;
    /** The native vectors a backend keeps with this batch (see {@link BatchState}); null until first used. */
    private Object nativeState;

    static {
        BatchState.install(new BatchState.Access() {
            @Override
            public Object nativeState(MessageBatch batch) {
                return batch.nativeState;
            }

            @Override
            public void nativeState(MessageBatch batch, Object state) {
                batch.nativeState = state;
            }

            @Override
            public void record(MessageBatch batch, int index, int placed, int messageLength) {
                batch.bytes[index] = placed;
                batch.messageLengths[index] = messageLength;
            }
        });
    }

    private MessageBatch(ByteBuffer[] buffers) {
        this.buffers = buffers;
        this.bytes = new int[buffers.length];
        this.messageLengths = new int[buffers.length];
    }

    /**
     * A batch of {@code messages} direct buffers of {@code messageCapacity} bytes each, cut from
     * one block of native memory.
     *
     * @param messages        how many buffers, 1 to {@link #MAX_MESSAGES}
     * @param messageCapacity each buffer's capacity, at least 0
     * @return the batch, every buffer cleared
     * @throws IllegalArgumentException if a count is out of range, or the block would exceed 2 GiB
     */
    public static MessageBatch allocate(int messages, int messageCapacity) {
        checkCount(messages);
        if (messageCapacity < 0 || (long) messages * messageCapacity > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a batch of " + messages + " buffers of " + messageCapacity
                    + " bytes: the capacity must be at least 0 and the block at most 2 GiB");
        }
        ByteBuffer block = ByteBuffer.allocateDirect(messages * messageCapacity);
        ByteBuffer[] buffers = new ByteBuffer[messages];
        for (int i = 0; i < messages; i++) {
            buffers[i] = block.slice(i * messageCapacity, messageCapacity);
        }
        return new MessageBatch(buffers);
    }

    /**
     * A batch of the caller's buffers, direct or heap, in this order. A read-only buffer can be
     * sent from but not received into.
     *
     * @param buffers 1 to {@link #MAX_MESSAGES} buffers, each given once
     * @return the batch
     * @throws IllegalArgumentException if the count is out of range, or a buffer is given twice
     * @throws NullPointerException     if a buffer is null
     */
    public static MessageBatch of(ByteBuffer... buffers) {
        ByteBuffer[] copy = buffers.clone();
        checkCount(copy.length);
        for (int i = 0; i < copy.length; i++) {
            Objects.requireNonNull(copy[i], "buffer " + i);
            for (int j = 0; j < i; j++) {
                if (copy[j] == copy[i]) {
                    throw new IllegalArgumentException("buffer " + i + " is buffer " + j
                            + " again: each message needs a buffer of its own");
                }
            }
        }
        return new MessageBatch(copy);
    }

    private static void checkCount(int messages) {
        if (messages < 1 || messages > MAX_MESSAGES) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_MESSAGES + " messages, not " + messages);
        }
    }

    /**
     * The number of buffers.
     *
     * @return the count
     */
    public int size() {
        return buffers.length;
    }

    /**
     * One buffer, the same object every time.
     *
     * @param index 0 to {@link #size()} - 1
     * @return the buffer
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public ByteBuffer buffer(int index) {
        return buffers[Objects.checkIndex(index, buffers.length)];
    }

    /**
     * The bytes the last batch call that reached this message sent from its buffer or placed in
     * it.
     *
     * @param index 0 to {@link #size()} - 1
     * @return the count
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public int bytes(int index) {
        return bytes[Objects.checkIndex(index, buffers.length)];
    }

    /**
     * The real length of the message that the last batch call that reached this index sent or
     * received: more than {@link #bytes(int)} when a received message did not fit
     * ({@code MSG_TRUNC}).
     *
     * @param index 0 to {@link #size()} - 1
     * @return the length in bytes
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public int messageLength(int index) {
        return messageLengths[Objects.checkIndex(index, buffers.length)];
    }

    /**
     * Whether the message received at this index was longer than its buffer's room, so that its
     * end was discarded.
     *
     * @param index 0 to {@link #size()} - 1
     * @return true if truncated
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public boolean truncated(int index) {
        return messageLength(index) > bytes[index];
    }

    /**
     * Clears every buffer ({@link ByteBuffer#clear()}), ready to receive into.
     *
     * @return this batch
     */
    public MessageBatch clear() {
        for (ByteBuffer buffer : buffers) {
            buffer.clear();
        }
        return this;
    }

    @Override
    public String toString() {
        return "MessageBatch of " + buffers.length + " buffers";
    }
}
