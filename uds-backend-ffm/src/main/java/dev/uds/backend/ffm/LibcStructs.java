package dev.uds.backend.ffm;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * The one place for the Linux ABI this backend alone speaks: struct layouts, their field
 * offsets, the constants of epoll, fcntl and poll, and the CMSG arithmetic of
 * {@code <sys/socket.h>}. The socket constants every native backend shares are in
 * {@link dev.uds.internal.Linux}.
 *
 * <p>Everything here holds for Linux on x86_64 and aarch64 (LP64, the generic errno and socket
 * constants); {@link FfmProvider} refuses other platforms, so no value is guessed elsewhere.
 */
final class LibcStructs {
    private LibcStructs() {
    }

    // fcntl(2): a listening socket that a virtual thread accepts on is made O_NONBLOCK
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int O_NONBLOCK = 0x800;

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

    // poll(2)
    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;

    /** {@code struct sockaddr_un}: a 2-byte family and 108 bytes of path. */
    static final StructLayout SOCKADDR_UN = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sun_family"),
            MemoryLayout.sequenceLayout(108, java.lang.foreign.ValueLayout.JAVA_BYTE).withName("sun_path"));
    static final long SUN_PATH_OFFSET = SOCKADDR_UN.byteOffset(groupElement("sun_path"));
    /** {@code sizeof(sa_family_t)}: the address length of an unnamed socket. */
    static final int SA_FAMILY_SIZE = (int) SUN_PATH_OFFSET;

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

    /** {@code struct cmsghdr}; the data follows at {@link #cmsgAlign(long) CMSG_ALIGN}(its size). */
    static final StructLayout CMSGHDR = MemoryLayout.structLayout(
            JAVA_LONG.withName("cmsg_len"),
            JAVA_INT.withName("cmsg_level"),
            JAVA_INT.withName("cmsg_type"));
    static final long CMSG_LEN_FIELD = CMSGHDR.byteOffset(groupElement("cmsg_len"));
    static final long CMSG_LEVEL = CMSGHDR.byteOffset(groupElement("cmsg_level"));
    static final long CMSG_TYPE = CMSGHDR.byteOffset(groupElement("cmsg_type"));

    /** {@code struct ucred} of SO_PEERCRED and SCM_CREDENTIALS. */
    static final StructLayout UCRED = MemoryLayout.structLayout(
            JAVA_INT.withName("pid"),
            JAVA_INT.withName("uid"),
            JAVA_INT.withName("gid"));
    static final long UCRED_PID = UCRED.byteOffset(groupElement("pid"));
    static final long UCRED_UID = UCRED.byteOffset(groupElement("uid"));
    static final long UCRED_GID = UCRED.byteOffset(groupElement("gid"));

    /** {@code struct timeval} of SO_RCVTIMEO and SO_SNDTIMEO (64-bit {@code time_t}). */
    static final StructLayout TIMEVAL = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"),
            JAVA_LONG.withName("tv_usec"));
    static final long TV_SEC = TIMEVAL.byteOffset(groupElement("tv_sec"));
    static final long TV_USEC = TIMEVAL.byteOffset(groupElement("tv_usec"));

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

    /** {@code CMSG_ALIGN}: ancillary data is aligned to {@code sizeof(size_t)}. */
    static long cmsgAlign(long length) {
        long align = JAVA_LONG.byteSize();
        return (length + align - 1) & ~(align - 1);
    }

    /** {@code CMSG_LEN}: the {@code cmsg_len} of a header with {@code dataLength} bytes of data. */
    static long cmsgLen(long dataLength) {
        return cmsgAlign(CMSGHDR.byteSize()) + dataLength;
    }

    /** {@code CMSG_SPACE}: the room a header with {@code dataLength} bytes takes in the buffer. */
    static long cmsgSpace(long dataLength) {
        return cmsgAlign(CMSGHDR.byteSize()) + cmsgAlign(dataLength);
    }

    /** {@code CMSG_DATA}: the offset of the data from its header. */
    static long cmsgDataOffset() {
        return cmsgAlign(CMSGHDR.byteSize());
    }

    /** Room for the largest ancillary data a receive asks for: credentials and SCM_MAX_FD descriptors. */
    static final long MAX_CONTROL = cmsgSpace(UCRED.byteSize()) + cmsgSpace(253L * Integer.BYTES);
}
