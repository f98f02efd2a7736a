package dev.uds.backend.ffm;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * The one place for the Linux ABI this backend speaks: struct layouts, their field offsets, the
 * constants of the socket calls, and the CMSG arithmetic of {@code <sys/socket.h>}.
 *
 * <p>Everything here holds for Linux on x86_64 and aarch64 (LP64, the generic errno and socket
 * constants); {@link FfmProvider} refuses other platforms, so no value is guessed elsewhere.
 */
final class LibcStructs {
    private LibcStructs() {
    }

    // socket(2), socketpair(2)
    static final int AF_UNIX = 1;
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_SEQPACKET = 5;
    static final int SOCK_CLOEXEC = 0x80000;

    // getsockopt(2), setsockopt(2): socket(7), unix(7)
    static final int SOL_SOCKET = 1;
    static final int SO_TYPE = 3;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_PASSCRED = 16;
    static final int SO_PEERCRED = 17;
    static final int SO_RCVTIMEO = 20;
    static final int SO_SNDTIMEO = 21;
    static final int SO_DOMAIN = 39;
    static final int SO_PEEK_OFF = 42;

    // Ancillary message types at SOL_SOCKET
    static final int SCM_RIGHTS = 1;
    static final int SCM_CREDENTIALS = 2;

    // send(2), recv(2) flags
    static final int MSG_PEEK = 0x2;
    /** Non-blocking for this call only: how virtual threads send and receive on a blocking socket. */
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_CTRUNC = 0x8;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int MSG_CMSG_CLOEXEC = 0x40000000;

    // shutdown(2)
    static final int SHUT_RD = 0;
    static final int SHUT_WR = 1;
    static final int SHUT_RDWR = 2;

    /** {@code SIOCINQ}, the same request as {@code FIONREAD} on both architectures. */
    static final long SIOCINQ = 0x541B;

    // open(2)
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0x40;
    static final int O_TRUNC = 0x200;
    static final int O_APPEND = 0x400;
    static final int O_CLOEXEC = 0x80000;

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
    static final short POLLHUP = 0x10;
    static final short POLLRDHUP = 0x2000;

    // errno values the backend acts on (the rest go to dev.uds.internal.Errors as numbers)
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EEXIST = 17;
    static final int EINVAL = 22;
    static final int ENOTSOCK = 88;
    static final int EMSGSIZE = 90;
    static final int EAFNOSUPPORT = 97;
    static final int ENOTCONN = 107;

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
