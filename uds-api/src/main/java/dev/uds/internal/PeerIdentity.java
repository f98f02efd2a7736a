package dev.uds.internal;

import dev.uds.Capability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the native backends share about who the peer is beyond {@code SO_PEERCRED}: which kernels
 * give a pidfd for it ({@code SO_PEERPIDFD}, {@link dev.uds.PeerProcess}), the pid a pidfd refers
 * to, what its errors mean, and how a security label ({@code SO_PEERSEC}) reads.
 */
public final class PeerIdentity {
    // Not in Errno's table: only these calls meet them.
    private static final int ESRCH = 3;
    private static final int ENODATA = 61;
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");
    /** {@code SO_PEERPIDFD} came with Linux 6.5. */
    private static final boolean KERNEL_HAS_PEER_PIDFD = kernelAtLeast(System.getProperty("os.version", ""), 6, 5);

    private PeerIdentity() {
    }

    /**
     * Whether a kernel release ({@code uname -r}, such as {@code 6.1.0-18-amd64}) is at least a
     * version.
     *
     * @param release the release
     * @param major   the major version
     * @param minor   the minor version
     * @return true if at least that version; false for a release that does not start with one
     */
    public static boolean kernelAtLeast(String release, int major, int minor) {
        Matcher m = VERSION.matcher(release);
        if (!m.find()) {
            return false;
        }
        int actualMajor = Integer.parseInt(m.group(1));
        return actualMajor > major || (actualMajor == major && Integer.parseInt(m.group(2)) >= minor);
    }

    /**
     * Every capability, less {@link Capability#PEER_PIDFD} on a kernel before 6.5: what a native
     * backend that implements all of unix(7) declares here.
     *
     * @return a new, modifiable set
     */
    public static Set<Capability> allCapabilitiesOfThisKernel() {
        Set<Capability> all = EnumSet.allOf(Capability.class);
        if (!KERNEL_HAS_PEER_PIDFD) {
            all.remove(Capability.PEER_PIDFD);
        }
        return all;
    }

    /**
     * The pid a pidfd refers to, from {@code /proc/self/fdinfo} ({@code Pid:}).
     *
     * @param pidfd the pidfd's number in this process
     * @return the pid in this process's namespace; -1 if the process has been reaped
     * @throws IOException if fdinfo cannot be read or has no {@code Pid:} line
     */
    public static int pidOf(int pidfd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", Integer.toString(pidfd)))) {
            if (line.startsWith("Pid:")) {
                return Integer.parseInt(line.substring("Pid:".length()).trim());
            }
        }
        throw new IOException("/proc/self/fdinfo/" + pidfd + " has no Pid: line; is it a pidfd?");
    }

    /**
     * The exception for a failed {@code getsockopt(SO_PEERPIDFD)}: {@code ENODATA} means the
     * socket has no peer (reported as {@code ENOTCONN}, as for {@code SO_PEERCRED}), and
     * {@code ESRCH} that the peer process is gone.
     *
     * @param label what the socket is, for the message
     * @param errno the error
     * @return the exception
     */
    public static IOException pidfdFailure(Object label, int errno) {
        if (errno == ENODATA) {
            return Errors.exception("getsockopt SO_PEERPIDFD", label, Linux.ENOTCONN, "the socket has no peer");
        }
        return Errors.exception("getsockopt SO_PEERPIDFD", label, errno,
                errno == ESRCH ? "the peer process has exited and been reaped" : null);
    }

    /**
     * A security label as {@code getsockopt(SO_PEERSEC)} returned it: text, perhaps ending with
     * a NUL that is not part of it.
     *
     * @param bytes  the buffer
     * @param length the length the call returned
     * @return the label
     */
    public static String label(byte[] bytes, int length) {
        int end = Math.min(length, bytes.length);
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }
}
