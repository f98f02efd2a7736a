package dev.uds.linux;

import dev.uds.PeerCredentials;
import dev.uds.PeerProcess;
import dev.uds.ReceivedDescriptor;
import dev.uds.ReceivedMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Ancillary data as {@code sendmsg(2)} and {@code recvmsg(2)} carry it, laid out with the CMSG
 * arithmetic of {@link Structs} in a native-order {@link ByteBuffer}: descriptors
 * ({@code SCM_RIGHTS}), credentials ({@code SCM_CREDENTIALS}) and, received only, the sender's
 * security label ({@code SCM_SECURITY}) and process ({@code SCM_PIDFD}).
 *
 * <p>Received descriptors are never lost: those beyond the receiver's allowance (the kernel may
 * fit more than asked, as {@code CMSG_SPACE} rounds up) are closed and reported as truncation,
 * like those the kernel itself dropped ({@code MSG_CTRUNC}); and if wrapping one fails, every
 * number not yet owned by an object is closed before the failure goes on. The sender's pidfd
 * follows the same rule; it comes only when the receiver asked for it ({@code SO_PASSPIDFD}), and
 * a receive that ends in a failure after the kernel delivered it closes it ({@link #discard}).
 */
public final class ControlMessages {
    private static final int[] NO_NUMBERS = new int[0];

    private ControlMessages() {
    }

    /**
     * What one receive brought.
     *
     * @param descriptors the descriptors kept, each owned by the list now
     * @param dropped     whether any descriptor beyond the allowance was closed
     * @param credentials the sender's credentials, or null
     * @param securityLabel the sending socket's security label, or null
     * @param senderProcess the sender's pidfd ({@code SCM_PIDFD}), owned by this record until it
     *                      is handed to a {@link ReceivedMessage}, or null
     */
    public record Received(List<ReceivedDescriptor> descriptors, boolean dropped, PeerCredentials credentials,
            String securityLabel, PeerProcess senderProcess) {

        /**
         * Closes everything received, on a path that already has its outcome (such as a socket
         * closed meanwhile), adding any failure to it.
         *
         * @param outcome what the call ends with
         */
        public void close(Throwable outcome) {
            closeAll(descriptors, outcome);
            if (senderProcess != null) {
                try {
                    senderProcess.close();
                } catch (IOException | RuntimeException e) {
                    outcome.addSuppressed(e);
                }
            }
        }
    }

    /**
     * The control length a receive offers: credentials (in case SO_PASSCRED is on), a security
     * label (in case SO_PASSSEC is on; the kernel writes it before the descriptors),
     * {@code maxDescriptors} descriptors, and a pidfd (in case SO_PASSPIDFD is on; the kernel
     * writes it last, and makes none where it does not fit).
     *
     * @param maxDescriptors the allowance
     * @return the bytes
     */
    public static int receiveSpace(int maxDescriptors) {
        return Structs.cmsgSpace(Structs.UCRED_SIZE) + Structs.cmsgSpace(Structs.SECURITY_LABEL_ROOM)
                + (maxDescriptors > 0 ? Structs.cmsgSpace(maxDescriptors * Integer.BYTES) : 0)
                + Structs.cmsgSpace(Integer.BYTES);
    }

    /**
     * Writes an SCM_CREDENTIALS message (if {@code credentials} is not null) and an SCM_RIGHTS
     * one (if there are descriptors), padding zeroed.
     *
     * @param buffer      native-order memory with room for {@link Structs#MAX_CONTROL} bytes at {@code at}
     * @param at          where the control data starts
     * @param descriptors the numbers to pass
     * @param credentials the credentials to state, or null
     * @return the control length to put in {@code msg_controllen}
     */
    public static int write(ByteBuffer buffer, int at, int[] descriptors, PeerCredentials credentials) {
        int used = 0;
        if (credentials != null) {
            int space = Structs.cmsgSpace(Structs.UCRED_SIZE);
            zero(buffer, at + used, space);
            header(buffer, at + used, Structs.UCRED_SIZE, Linux.SCM_CREDENTIALS);
            Ucred.write(credentials, buffer, at + used + Structs.CMSG_HEADER_SIZE);
            used += space;
        }
        if (descriptors.length > 0) {
            int bytes = descriptors.length * Integer.BYTES;
            int space = Structs.cmsgSpace(bytes);
            zero(buffer, at + used, space);
            header(buffer, at + used, bytes, Linux.SCM_RIGHTS);
            for (int i = 0; i < descriptors.length; i++) {
                buffer.putInt(at + used + Structs.CMSG_HEADER_SIZE + i * Integer.BYTES, descriptors[i]);
            }
            used += space;
        }
        return used;
    }

    private static void zero(ByteBuffer buffer, int at, int length) {
        for (int i = 0; i < length; i++) {
            buffer.put(at + i, (byte) 0);
        }
    }

    private static void header(ByteBuffer buffer, int at, int dataLength, int type) {
        buffer.putLong(at + Structs.CMSG_LEN, Structs.cmsgLength(dataLength));
        buffer.putInt(at + Structs.CMSG_LEVEL, Linux.SOL_SOCKET);
        buffer.putInt(at + Structs.CMSG_TYPE, type);
    }

    /**
     * Reads the control data of one receive with the kernel's CMSG walk, and gives each
     * descriptor an owner: one of {@code wrap} for the first {@code maxDescriptors}, close(2) for
     * the rest; and the sender's pidfd ({@code SCM_PIDFD}, which comes only when the socket has
     * {@code SO_PASSPIDFD} on) a {@link PeerProcess}.
     *
     * @param buffer         the memory
     * @param at             where the control data starts
     * @param length         {@code msg_controllen} as the kernel returned it
     * @param maxDescriptors the allowance
     * @param wrap           makes the backend's received descriptor that owns a number
     * @param calls          closes what is not kept
     * @return what came
     * @throws IOException if the pidfd's pid cannot be read ({@code /proc/self/fdinfo}); every
     *                     number received is closed first
     */
    public static Received read(ByteBuffer buffer, int at, int length, int maxDescriptors,
            IntFunction<ReceivedDescriptor> wrap, Syscalls calls) throws IOException {
        // First the numbers alone, which cannot fail; then their owners.
        Walk walk = new Walk(buffer, at, length);
        List<ReceivedDescriptor> kept = new ArrayList<>(Math.min(walk.count, maxDescriptors));
        int owned = 0;
        String securityLabel;
        PeerProcess senderProcess = null;
        try {
            for (; owned < walk.count; owned++) {
                if (owned < maxDescriptors) {
                    kept.add(wrap.apply(walk.numbers[owned]));
                } else {
                    calls.close(walk.numbers[owned]); // beyond the allowance: closed, and reported
                }
            }
            securityLabel = walk.labelAt < 0 ? null : label(buffer, walk.labelAt, walk.labelLength);
            if (walk.pidfd >= 0) {
                int pidfd = walk.pidfd;
                walk.pidfd = -1; // Pidfd.of owns it from here, and closes it if it fails
                senderProcess = Pidfd.of(pidfd, calls);
            }
        } catch (IOException | RuntimeException | Error e) {
            for (int i = owned; i < walk.count; i++) {
                calls.close(walk.numbers[i]);
            }
            if (walk.pidfd >= 0) {
                calls.close(walk.pidfd);
            }
            closeAll(kept, e);
            throw e;
        }
        return new Received(kept, walk.count > maxDescriptors, walk.credentials, securityLabel, senderProcess);
    }

    /**
     * Closes every number the control data of one receive brought (descriptors and the sender's
     * pidfd) without making objects of them: for a receive whose call ends in a failure after the
     * kernel delivered the message, such as an interrupt.
     *
     * @param buffer the memory
     * @param at     where the control data starts
     * @param length {@code msg_controllen} as the kernel returned it
     * @param calls  closes them
     */
    public static void discard(ByteBuffer buffer, int at, int length, Syscalls calls) {
        Walk walk = new Walk(buffer, at, length);
        for (int i = 0; i < walk.count; i++) {
            calls.close(walk.numbers[i]);
        }
        if (walk.pidfd >= 0) {
            calls.close(walk.pidfd);
        }
    }

    /** The kernel's CMSG walk over one receive's control data: the numbers and where the rest is. */
    private static final class Walk {
        int[] numbers = NO_NUMBERS;
        int count;
        PeerCredentials credentials;
        int labelAt = -1;
        int labelLength;
        /** The sender's pidfd; -1 for none, as for a negative errno the kernel sends where it made none. */
        int pidfd = -1;

        Walk(ByteBuffer buffer, int at, int length) {
            int offset = 0;
            while (offset + Structs.CMSG_HEADER_SIZE <= length) {
                int cmsgLength = (int) buffer.getLong(at + offset + Structs.CMSG_LEN);
                if (cmsgLength < Structs.CMSG_HEADER_SIZE || offset + cmsgLength > length) {
                    break;
                }
                if (buffer.getInt(at + offset + Structs.CMSG_LEVEL) == Linux.SOL_SOCKET) {
                    take(buffer, buffer.getInt(at + offset + Structs.CMSG_TYPE), at + offset + Structs.CMSG_HEADER_SIZE,
                            cmsgLength - Structs.CMSG_HEADER_SIZE);
                }
                offset += Structs.cmsgAlign(cmsgLength);
            }
        }

        private void take(ByteBuffer buffer, int type, int data, int dataLength) {
            if (type == Linux.SCM_RIGHTS) {
                int more = dataLength / Integer.BYTES;
                if (count + more > numbers.length) {
                    numbers = java.util.Arrays.copyOf(numbers, count + more);
                }
                for (int i = 0; i < more; i++) {
                    numbers[count++] = buffer.getInt(data + i * Integer.BYTES);
                }
            } else if (type == Linux.SCM_CREDENTIALS && dataLength >= Structs.UCRED_SIZE) {
                credentials = Ucred.read(buffer, data);
            } else if (type == Linux.SCM_SECURITY) {
                labelAt = data; // decoded once the descriptors have owners: decoding allocates
                labelLength = dataLength;
            } else if (type == Linux.SCM_PIDFD && dataLength >= Integer.BYTES) {
                pidfd = Math.max(-1, buffer.getInt(data));
            }
        }
    }

    /**
     * The text of an SCM_SECURITY message: up to its first NUL, or its whole length (whether the
     * kernel counts a NUL depends on the security module). Malformed UTF-8 is replaced, not thrown.
     */
    static String label(ByteBuffer buffer, int at, int length) {
        int end = 0;
        while (end < length && buffer.get(at + end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end];
        buffer.get(at, bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Closes received descriptors on a path that already has its outcome, adding any failure to it.
     *
     * @param descriptors the descriptors
     * @param outcome     what the call ends with
     */
    public static void closeAll(List<ReceivedDescriptor> descriptors, Throwable outcome) {
        for (ReceivedDescriptor d : descriptors) {
            try {
                d.close();
            } catch (java.io.IOException | RuntimeException e) {
                outcome.addSuppressed(e);
            }
        }
    }
}
