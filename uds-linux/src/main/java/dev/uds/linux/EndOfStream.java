package dev.uds.linux;

import dev.uds.SocketType;

/**
 * What a receive that returned 0 bytes means. On STREAM it is always end of stream. On DGRAM and
 * SEQPACKET, 0 is also an empty message's length: it is end of stream only when the reading side
 * is shut down (the SEQPACKET peer closed, or {@code shutdownInput()} here), asked of
 * {@code poll(2)} as {@code POLLRDHUP}. An empty SEQPACKET message queued just before its sender
 * closed therefore reads as end of stream, as it does for the C programs of unix(7).
 *
 * <p>And shut down with data still queued is neither: Linux's SEQPACKET receive
 * ({@code unix_dgram_recvmsg}) looks at the queue and then at the shutdown, with no lock held
 * across both, and returns 0 when it found the queue empty and the socket shut down. A peer that
 * sends its last message and closes between the two looks makes recv(2) return 0 with that
 * message queued: read as end of stream, it would be lost (the sum benchmark lost one reply in
 * some 20,000 sessions so, on {@code ffm} and {@code jnr} alike). The shutdown has been seen by
 * then, so a receive made again finds every message sent before it.
 */
public final class EndOfStream {
    private EndOfStream() {
    }

    /** What a receive of 0 bytes was: {@link #ofZero}. */
    public enum Zero {
        /** An empty DGRAM or SEQPACKET message. */
        EMPTY_MESSAGE,
        /** End of stream: no more data can come. */
        END_OF_STREAM,
        /** Nothing, though data is queued (the race of the class comment): receive again. */
        RECEIVE_AGAIN
    }

    /**
     * What a receive that returned 0 found: see the class comment. Whether data is still queued
     * is asked of {@code ioctl(SIOCINQ)}, in the scratch's {@link Scratch#VALUE}.
     *
     * @param socket  the socket
     * @param fd      its descriptor
     * @param scratch the thread's scratch
     * @param calls   the backend's binding
     * @return what the 0 was
     */
    public static Zero ofZero(InterruptibleSocket socket, int fd, Scratch scratch, Syscalls calls) {
        if (!seen(socket, fd, calls)) {
            return Zero.EMPTY_MESSAGE;
        }
        if (socket.type() == SocketType.STREAM) {
            return Zero.END_OF_STREAM;
        }
        // A failed SIOCINQ (it cannot fail on an open socket) reads as nothing queued.
        int result = calls.ioctl(scratch, fd, Linux.SIOCINQ, scratch.structsAddress + Scratch.VALUE);
        boolean queued = result >= 0 && scratch.structs.getInt(Scratch.VALUE) > 0;
        return queued ? Zero.RECEIVE_AGAIN : Zero.END_OF_STREAM;
    }

    /**
     * Whether a receive that returned 0 saw end of stream rather than an empty message, without
     * the look at the queue of {@link #ofZero}: for a batch, whose trailing empty messages are
     * end of stream once the reading side is shut down.
     *
     * @param socket the socket
     * @param fd     its descriptor
     * @param calls  the backend's binding
     * @return whether the reading side is shut down (always, for STREAM)
     */
    public static boolean seen(InterruptibleSocket socket, int fd, Syscalls calls) {
        if (socket.type() == SocketType.STREAM) {
            return true;
        }
        int events = calls.poll(fd, Linux.POLLRDHUP, 0);
        return events > 0 && Linux.readSideShutDown((short) events);
    }

    /**
     * Whether a DGRAM socket's reading side is shut down, for a non-blocking receive that got
     * EAGAIN: a blocking recv(2) returns 0 there (end of stream), a non-blocking one EAGAIN, and
     * no new readiness would ever wake the parked call. STREAM and SEQPACKET return 0 either way.
     *
     * @param socket the socket
     * @param fd     its descriptor
     * @param calls  the backend's binding
     * @return whether it is shut down
     */
    public static boolean dgramInputShutDown(InterruptibleSocket socket, int fd, Syscalls calls) {
        return socket.type() == SocketType.DGRAM && seen(socket, fd, calls);
    }
}
