package dev.uds;

import java.util.OptionalInt;

/**
 * The credentials of a process: those of the peer that connected a socket ({@code SO_PEERCRED}),
 * or those a message was sent with ({@code SCM_CREDENTIALS}).
 *
 * @see "unix(7): SO_PEERCRED, SCM_CREDENTIALS"
 */
public final class PeerCredentials {
    private final int pid;
    private final int uid;
    private final int gid;

    private PeerCredentials(int pid, int uid, int gid) {
        this.pid = pid;
        this.uid = uid;
        this.gid = gid;
    }

    /**
     * Credentials with a process id.
     *
     * @param pid the process id
     * @param uid the user id
     * @param gid the group id
     * @return the credentials
     */
    public static PeerCredentials of(int pid, int uid, int gid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        return new PeerCredentials(pid, uid, gid);
    }

    /**
     * Credentials from a backend that cannot learn the process id.
     *
     * @param uid the user id
     * @param gid the group id
     * @return the credentials, with no pid
     */
    public static PeerCredentials withoutPid(int uid, int gid) {
        return new PeerCredentials(0, uid, gid);
    }

    /**
     * The process id, where the backend knows it ({@link Capability#PEER_PID}).
     *
     * @return the pid, or empty
     */
    public OptionalInt pid() {
        return pid > 0 ? OptionalInt.of(pid) : OptionalInt.empty();
    }

    /**
     * The effective user id.
     *
     * @return the uid
     */
    public int uid() {
        return uid;
    }

    /**
     * The effective group id.
     *
     * @return the gid
     */
    public int gid() {
        return gid;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerCredentials c && c.pid == pid && c.uid == uid && c.gid == gid;
    }

    @Override
    public int hashCode() {
        return (pid * 31 + uid) * 31 + gid;
    }

    /** For example {@code "pid=42 uid=1000 gid=1000"}. */
    @Override
    public String toString() {
        return (pid > 0 ? "pid=" + pid + " " : "") + "uid=" + uid + " gid=" + gid;
    }
}
