package dev.uds.linux;

import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.internal.Errors;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Addressed datagrams ({@code sendto(2)}, {@code recvfrom(2)}, {@code connect(2)} with
 * {@code AF_UNSPEC}), the part that is Linux and not a binding: what the calls accept, refused
 * before any system call, and the wording of their errors. Each backend makes the calls; the
 * addresses go through the thread's {@link RecentAddresses}.
 *
 * @see "unix(7), sendto(2), recvfrom(2), connect(2)"
 */
public final class Datagrams {
    /** The call named in the errors of a send to an address. */
    public static final String SENDTO = "sendto";
    /** The call named in the errors of a receive with its sender. */
    public static final String RECVFROM = "recvfrom";
    /** The call named in the errors of a DGRAM socket's disconnect. */
    public static final String DISCONNECT = "connect AF_UNSPEC";

    private Datagrams() {
    }

    /**
     * Refuses a send to an address that no datagram can reach, or on a socket that would not
     * send it there: the unnamed address (the kernel answers {@code EINVAL}), and any socket but
     * DGRAM (a SEQPACKET socket's {@code sendto} ignores the address and sends to its peer).
     *
     * @param type   the socket's type
     * @param target where the datagram is to go
     * @param label  what the socket's errors name
     * @throws IOException {@code EOPNOTSUPP} for a socket that is not DGRAM
     */
    public static void checkSend(SocketType type, UnixAddress target, Object label) throws IOException {
        if (type != SocketType.DGRAM) {
            checkType(type, SENDTO + " " + target + " from", label); // the message is made only here
        }
        if (target instanceof UnixAddress.Unnamed) {
            Object from = label == null ? UnixAddress.unnamed() : label;
            throw new IllegalArgumentException("cannot send to " + target + " from " + from
                    + ": no socket can be reached at the unnamed address; a sender that never bound has no address"
                    + " to answer to");
        }
    }

    /**
     * Refuses a call of addressed datagrams on a socket that is not DGRAM, before the call.
     *
     * @param type  the socket's type
     * @param call  the call, as errors name it
     * @param label what the socket's errors name
     * @throws IOException {@code EOPNOTSUPP} for a socket that is not DGRAM
     */
    public static void checkType(SocketType type, String call, Object label) throws IOException {
        if (type != SocketType.DGRAM) {
            throw Errors.exception(call, label == null ? UnixAddress.unnamed() : label, Linux.EOPNOTSUPP, "only a DGRAM socket sends to, receives from or "
                    + "disconnects from an address; this socket is " + type);
        }
    }

    /**
     * The exception for a failed {@code sendto(2)}, naming the target: {@code ENOENT} and
     * {@code ECONNREFUSED} are a refused connection, {@code EPERM} a receiver connected to
     * another socket, {@code EACCES} a socket file this process may not write.
     *
     * @param target the address sent to
     * @param errno  the error
     * @return the exception
     */
    public static IOException sendFailure(UnixAddress target, int errno) {
        String detail = errno == Linux.EPERM
                ? "the socket there is connected to another socket and receives from that one only"
                : null;
        return Errors.exception(SENDTO, target, errno, detail);
    }

    /**
     * Writes the {@code sockaddr} that dissolves an association: the family {@code AF_UNSPEC}
     * alone.
     *
     * @param buffer native-order memory with room for the family at {@code at}
     * @param at     where the struct starts
     * @return the address length to pass to {@code connect(2)}
     */
    public static int encodeUnspecified(ByteBuffer buffer, int at) {
        buffer.putShort(at, (short) Linux.AF_UNSPEC);
        return Structs.SUN_PATH_OFFSET;
    }
}
