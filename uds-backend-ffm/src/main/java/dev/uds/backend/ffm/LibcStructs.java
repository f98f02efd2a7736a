package dev.uds.backend.ffm;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * The Linux ABI this backend alone speaks: the FFM layouts it allocates and the constants of
 * epoll, fcntl and poll. The socket constants, struct offsets and CMSG arithmetic every native
 * backend shares are in the core ({@link dev.uds.linux.Linux}, {@link dev.uds.linux.Structs}).
 *
 * <p>Everything here holds for Linux on x86_64 and aarch64 (LP64, the generic errno and socket
 * constants); {@link FfmProvider} refuses other platforms, so no value is guessed elsewhere.
 */
final class LibcStructs {
    private LibcStructs() {
    }

    // epoll(7), eventfd(2)
    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLLIN = 0x1;
    static final int EPOLLOUT = 0x4;
    static final int EPOLLERR = 0x8;
    static final int EPOLLHUP = 0x10;
    static final int EPOLLRDHUP = 0x2000;
    static final int EPOLLET = 1 << 31;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    /** {@code struct iovec}. */
    static final StructLayout IOVEC = MemoryLayout.structLayout(
            ADDRESS.withName("iov_base"),
            JAVA_LONG.withName("iov_len"));
    static final long IOV_BASE = IOVEC.byteOffset(groupElement("iov_base"));
    static final long IOV_LEN = IOVEC.byteOffset(groupElement("iov_len"));

    /** {@code struct msghdr}, with the padding the C compiler puts after the two ints. */
    static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ADDRESS.withName("msg_name"),
            JAVA_INT.withName("msg_namelen"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("msg_iov"),
            JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"),
            JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"),
            MemoryLayout.paddingLayout(4));
    static final long MSG_NAME = MSGHDR.byteOffset(groupElement("msg_name"));
    static final long MSG_NAMELEN = MSGHDR.byteOffset(groupElement("msg_namelen"));
    static final long MSG_IOV = MSGHDR.byteOffset(groupElement("msg_iov"));
    static final long MSG_IOVLEN = MSGHDR.byteOffset(groupElement("msg_iovlen"));
    static final long MSG_CONTROL = MSGHDR.byteOffset(groupElement("msg_control"));
    static final long MSG_CONTROLLEN = MSGHDR.byteOffset(groupElement("msg_controllen"));
    static final long MSG_FLAGS = MSGHDR.byteOffset(groupElement("msg_flags"));

    /** {@code struct pollfd}. */
    static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"),
            JAVA_SHORT.withName("events"),
            JAVA_SHORT.withName("revents"));
    static final long POLL_FD = POLLFD.byteOffset(groupElement("fd"));
    static final long POLL_EVENTS = POLLFD.byteOffset(groupElement("events"));
    static final long POLL_REVENTS = POLLFD.byteOffset(groupElement("revents"));

    /**
     * {@code struct epoll_event}: a 32-bit event mask and a 64-bit {@code epoll_data_t}, of which
     * this backend uses the 32-bit {@code fd} member (little-endian: the low half). The kernel's
     * x86_64 ABI packs the struct (12 bytes, data at offset 4); aarch64 aligns it (16, data at 8).
     */
    static final StructLayout EPOLL_EVENT = "aarch64".equals(System.getProperty("os.arch"))
            ? MemoryLayout.structLayout(
                    JAVA_INT.withName("events"),
                    MemoryLayout.paddingLayout(4),
                    JAVA_LONG.withName("data"))
            : MemoryLayout.structLayout(
                    JAVA_INT.withName("events"),
                    JAVA_INT.withName("data"),
                    JAVA_INT.withName("data_high"));
    static final long EPOLL_EVENTS = EPOLL_EVENT.byteOffset(groupElement("events"));
    static final long EPOLL_DATA = EPOLL_EVENT.byteOffset(groupElement("data"));
}
