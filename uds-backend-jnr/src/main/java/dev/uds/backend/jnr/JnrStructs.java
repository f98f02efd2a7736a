package dev.uds.backend.jnr;

/**
 * The struct layouts of Linux on 64-bit machines (x86_64, aarch64) that the backend passes to
 * libc, in one place; the constants are in {@link dev.uds.internal.Linux}. {@link JnrProvider} declares the backend unavailable elsewhere.
 *
 * @see "unix(7), socket(7), recvmsg(2), cmsg(3)"
 */
final class JnrStructs {
    private JnrStructs() {
    }

    /** {@code struct sockaddr_un}: {@code sa_family_t sun_family; char sun_path[108];}. */
    static final int SOCKADDR_UN_SIZE = 110;
    static final int SUN_PATH_OFFSET = 2;

    /** {@code struct timeval}: {@code long tv_sec; long tv_usec;}. */
    static final int TIMEVAL_SIZE = 16;

    /** {@code struct ucred}: {@code pid_t pid; uid_t uid; gid_t gid;}. */
    static final int UCRED_SIZE = 12;

    /** {@code struct pollfd}: {@code int fd; short events; short revents;}. */
    static final int POLLFD_SIZE = 8;
    static final int POLLFD_EVENTS = 4;
    static final int POLLFD_REVENTS = 6;

    /** {@code struct iovec}: {@code void *iov_base; size_t iov_len;}. */
    static final int IOVEC_SIZE = 16;

    /** {@code struct msghdr}, with the padding after {@code msg_namelen}. */
    static final int MSGHDR_SIZE = 56;
    static final int MSG_NAME = 0;
    static final int MSG_NAMELEN = 8;
    static final int MSG_IOV = 16;
    static final int MSG_IOVLEN = 24;
    static final int MSG_CONTROL = 32;
    static final int MSG_CONTROLLEN = 40;
    static final int MSG_FLAGS = 48;

    /** {@code struct cmsghdr}: {@code size_t cmsg_len; int cmsg_level; int cmsg_type;}, data after. */
    static final int CMSG_HEADER_SIZE = 16;
    static final int CMSG_LEVEL = 8;
    static final int CMSG_TYPE = 12;

    /** {@code CMSG_ALIGN}: control messages are aligned to {@code size_t}. */
    static int cmsgAlign(int length) {
        return (length + 7) & ~7;
    }

    /** {@code CMSG_SPACE}: the room one control message with {@code dataLength} bytes takes. */
    static int cmsgSpace(int dataLength) {
        return CMSG_HEADER_SIZE + cmsgAlign(dataLength);
    }

    /** {@code CMSG_LEN}: the value of {@code cmsg_len} for {@code dataLength} bytes of data. */
    static int cmsgLength(int dataLength) {
        return CMSG_HEADER_SIZE + dataLength;
    }
}
