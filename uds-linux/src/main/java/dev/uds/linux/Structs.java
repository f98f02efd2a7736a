package dev.uds.linux;

/**
 * The struct layouts of Linux on 64-bit machines (x86_64 and aarch64, LP64) that the native
 * backends pass to the kernel, as byte offsets: one place for each, read by the core's codecs
 * over a native-order {@link java.nio.ByteBuffer} and by each backend's binding. The backends
 * declare themselves unavailable anywhere else, so no layout is guessed.
 *
 * @see "unix(7), socket(7), recvmsg(2), cmsg(3), poll(2)"
 */
public final class Structs {
    private Structs() {
    }

    /** {@code struct sockaddr_un}: {@code sa_family_t sun_family; char sun_path[108];}. */
    public static final int SOCKADDR_UN_SIZE = 110;
    /** The offset of {@code sun_path}, also {@code sizeof(sa_family_t)}: an unnamed address's length. */
    public static final int SUN_PATH_OFFSET = 2;
    /** The size of {@code sun_path}. */
    public static final int SUN_PATH_SIZE = SOCKADDR_UN_SIZE - SUN_PATH_OFFSET;

    /** {@code struct timeval}: {@code long tv_sec; long tv_usec;}. */
    public static final int TIMEVAL_SIZE = 16;
    public static final int TV_SEC = 0;
    public static final int TV_USEC = 8;

    /** {@code struct ucred}: {@code pid_t pid; uid_t uid; gid_t gid;}. */
    public static final int UCRED_SIZE = 12;
    public static final int UCRED_PID = 0;
    public static final int UCRED_UID = 4;
    public static final int UCRED_GID = 8;

    /** {@code struct pollfd}: {@code int fd; short events; short revents;}. */
    public static final int POLLFD_SIZE = 8;
    public static final int POLLFD_FD = 0;
    public static final int POLLFD_EVENTS = 4;
    public static final int POLLFD_REVENTS = 6;

    /** {@code struct iovec}: {@code void *iov_base; size_t iov_len;}. */
    public static final int IOVEC_SIZE = 16;
    public static final int IOV_BASE = 0;
    public static final int IOV_LEN = 8;

    /** {@code struct msghdr}, with the padding after {@code msg_namelen} and at the end. */
    public static final int MSGHDR_SIZE = 56;
    public static final int MSG_NAME = 0;
    public static final int MSG_NAMELEN = 8;
    public static final int MSG_IOV = 16;
    public static final int MSG_IOVLEN = 24;
    public static final int MSG_CONTROL = 32;
    public static final int MSG_CONTROLLEN = 40;
    public static final int MSG_FLAGS = 48;

    /** {@code struct mmsghdr}: a {@code msghdr}, then {@code unsigned int msg_len}, padded to 8. */
    public static final int MMSGHDR_SIZE = 64;
    public static final int MMSG_LEN = MSGHDR_SIZE;

    /** {@code struct cmsghdr}: {@code size_t cmsg_len; int cmsg_level; int cmsg_type;}, data after. */
    public static final int CMSG_HEADER_SIZE = 16;
    public static final int CMSG_LEN = 0;
    public static final int CMSG_LEVEL = 8;
    public static final int CMSG_TYPE = 12;

    /** The most descriptors one message carries ({@code SCM_MAX_FD}). */
    public static final int SCM_MAX_FD = 253;

    /**
     * {@code CMSG_ALIGN}: control messages are aligned to {@code size_t}.
     *
     * @param length a length in bytes
     * @return it rounded up to a multiple of 8
     */
    public static int cmsgAlign(int length) {
        return (length + 7) & ~7;
    }

    /**
     * {@code CMSG_SPACE}: the room one control message with {@code dataLength} bytes takes.
     *
     * @param dataLength the bytes of data
     * @return the room, header and padding included
     */
    public static int cmsgSpace(int dataLength) {
        return CMSG_HEADER_SIZE + cmsgAlign(dataLength);
    }

    /**
     * {@code CMSG_LEN}: the value of {@code cmsg_len} for {@code dataLength} bytes of data.
     *
     * @param dataLength the bytes of data
     * @return the header's length field
     */
    public static int cmsgLength(int dataLength) {
        return CMSG_HEADER_SIZE + dataLength;
    }

    /**
     * The room a receive offers for a security label ({@code SCM_SECURITY}): SELinux and AppArmor
     * labels are tens of bytes. The kernel puts the label before the descriptors, so without this
     * room a label would take the descriptors' place; a longer label comes cut, with
     * {@code MSG_CTRUNC}.
     */
    public static final int SECURITY_LABEL_ROOM = 256;

    /**
     * Room for the largest ancillary data a receive asks for: credentials, a security label,
     * SCM_MAX_FD descriptors and the sender's pidfd ({@code SCM_PIDFD}, which the kernel puts last).
     */
    public static final int MAX_CONTROL = cmsgSpace(UCRED_SIZE) + cmsgSpace(SECURITY_LABEL_ROOM)
            + cmsgSpace(SCM_MAX_FD * Integer.BYTES) + cmsgSpace(Integer.BYTES);
}
