package dev.uds.linux;

import dev.uds.PeerCredentials;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * {@code struct ucred}, as {@code SO_PEERCRED} and {@code SCM_CREDENTIALS} carry it, with one
 * rule for pid 0 on every native backend.
 *
 * <p>pid 0 means the sender or peer is a process this one cannot name: one in a pid namespace
 * this process does not see. Its uid and gid are real, so it is reported as credentials
 * {@linkplain PeerCredentials#withoutPid without a pid}, never as an error, and reading it never
 * throws. The one exception is {@code SO_PEERCRED} on a socket that has no peer, where Linux
 * gives pid 0 with uid and gid -1 ({@link #peer}: ENOTCONN).
 */
public final class Ucred {
    private Ucred() {
    }

    /**
     * Reads credentials; never throws, so that a receive's descriptors cannot be lost to it.
     *
     * @param buffer the memory
     * @param at     where the struct is
     * @return the credentials, without a pid when the pid is 0
     */
    public static PeerCredentials read(ByteBuffer buffer, int at) {
        return of(buffer.getInt(at + Structs.UCRED_PID), buffer.getInt(at + Structs.UCRED_UID),
                buffer.getInt(at + Structs.UCRED_GID));
    }

    /**
     * Credentials from the three fields, by the rule of this class.
     *
     * @param pid the pid, 0 when it cannot be named here
     * @param uid the uid
     * @param gid the gid
     * @return the credentials, without a pid when the pid is 0
     */
    public static PeerCredentials of(int pid, int uid, int gid) {
        return pid > 0 ? PeerCredentials.of(pid, uid, gid) : PeerCredentials.withoutPid(uid, gid);
    }

    /**
     * Reads what {@code SO_PEERCRED} returned.
     *
     * @param buffer the memory
     * @param at     where the struct is
     * @return the peer's credentials, or empty when the socket has no peer (pid 0, uid and gid -1)
     */
    public static Optional<PeerCredentials> peer(ByteBuffer buffer, int at) {
        return peer(buffer.getInt(at + Structs.UCRED_PID), buffer.getInt(at + Structs.UCRED_UID),
                buffer.getInt(at + Structs.UCRED_GID));
    }

    /**
     * {@code SO_PEERCRED}'s three fields, by the rule of this class.
     *
     * @param pid the pid
     * @param uid the uid
     * @param gid the gid
     * @return the peer's credentials, or empty when the socket has no peer (pid 0, uid and gid -1)
     */
    public static Optional<PeerCredentials> peer(int pid, int uid, int gid) {
        return pid == 0 && uid == -1 && gid == -1 ? Optional.empty() : Optional.of(of(pid, uid, gid));
    }

    /**
     * Writes credentials to state them with {@code SCM_CREDENTIALS}.
     *
     * @param credentials the credentials, with a pid (the kernel checks all three)
     * @param buffer      the memory
     * @param at          where the struct goes
     */
    public static void write(PeerCredentials credentials, ByteBuffer buffer, int at) {
        buffer.putInt(at + Structs.UCRED_PID, credentials.pid().orElseThrow());
        buffer.putInt(at + Structs.UCRED_UID, credentials.uid());
        buffer.putInt(at + Structs.UCRED_GID, credentials.gid());
    }
}
