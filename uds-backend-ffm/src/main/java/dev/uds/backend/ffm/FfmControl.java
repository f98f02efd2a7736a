package dev.uds.backend.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.uds.PeerCredentials;
import dev.uds.internal.Linux;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The ancillary data one {@code recvmsg(2)} returned, read with the kernel's CMSG walk
 * ({@code CMSG_FIRSTHDR}, {@code CMSG_NXTHDR}): the descriptors of every SCM_RIGHTS header and
 * the credentials of an SCM_CREDENTIALS one.
 *
 * @param descriptors the descriptor numbers received, now open in this process
 * @param credentials the sender's credentials, or null
 */
record FfmControl(int[] descriptors, PeerCredentials credentials) {

    /**
     * Parses {@code used} bytes of {@code control}. Never throws for well-formed kernel output,
     * so that no received descriptor can be lost between the call and its owner.
     */
    static FfmControl parse(MemorySegment control, long used) {
        int[] descriptors = new int[0];
        PeerCredentials credentials = null;
        long header = LibcStructs.cmsgAlign(LibcStructs.CMSGHDR.byteSize());
        long at = 0;
        while (at + header <= used) {
            long length = control.get(JAVA_LONG, at + LibcStructs.CMSG_LEN_FIELD);
            if (length < header || at + length > used) {
                break;
            }
            int level = control.get(JAVA_INT, at + LibcStructs.CMSG_LEVEL);
            int type = control.get(JAVA_INT, at + LibcStructs.CMSG_TYPE);
            long data = at + LibcStructs.cmsgDataOffset();
            long dataLength = length - header;
            if (level == Linux.SOL_SOCKET && type == Linux.SCM_RIGHTS) {
                int count = (int) (dataLength / Integer.BYTES);
                int before = descriptors.length;
                descriptors = Arrays.copyOf(descriptors, before + count);
                MemorySegment.copy(control, JAVA_INT, data, descriptors, before, count);
            } else if (level == Linux.SOL_SOCKET && type == Linux.SCM_CREDENTIALS
                    && dataLength >= LibcStructs.UCRED.byteSize()) {
                int pid = control.get(JAVA_INT, data + LibcStructs.UCRED_PID);
                int uid = control.get(JAVA_INT, data + LibcStructs.UCRED_UID);
                int gid = control.get(JAVA_INT, data + LibcStructs.UCRED_GID);
                // pid 0: the sender is in a pid namespace this process cannot see.
                credentials = pid > 0 ? PeerCredentials.of(pid, uid, gid) : PeerCredentials.withoutPid(uid, gid);
            }
            at += LibcStructs.cmsgAlign(length);
        }
        return new FfmControl(descriptors, credentials);
    }
}
