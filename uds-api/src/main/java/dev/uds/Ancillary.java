package dev.uds;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Ancillary data to send with a message: descriptors ({@code SCM_RIGHTS}) and stated credentials
 * ({@code SCM_CREDENTIALS}). Immutable.
 *
 * @see UnixSocket#send(java.nio.ByteBuffer, Ancillary)
 * @see "unix(7): Ancillary messages"
 */
public final class Ancillary {
    /**
     * The most descriptors one message may carry ({@code SCM_MAX_FD} in the kernel); more fail
     * with {@code EINVAL}, so uds refuses them before the call.
     */
    public static final int MAX_DESCRIPTORS = 253;

    private static final Ancillary NONE = new Ancillary(List.of(), null);

    private final List<PassableDescriptor> descriptors;
    private final PeerCredentials credentials;

    private Ancillary(List<PassableDescriptor> descriptors, PeerCredentials credentials) {
        if (descriptors.size() > MAX_DESCRIPTORS) {
            throw new IllegalArgumentException(descriptors.size() + " descriptors in one message; the kernel's "
                    + "SCM_MAX_FD allows at most " + MAX_DESCRIPTORS);
        }
        this.descriptors = descriptors;
        this.credentials = credentials;
    }

    /**
     * No ancillary data.
     *
     * @return the empty instance
     */
    public static Ancillary none() {
        return NONE;
    }

    /**
     * Descriptors to pass.
     *
     * @param descriptors at most {@value #MAX_DESCRIPTORS}
     * @return the ancillary data
     * @throws IllegalArgumentException for more than {@value #MAX_DESCRIPTORS} descriptors
     */
    public static Ancillary descriptors(PassableDescriptor... descriptors) {
        return new Ancillary(List.of(descriptors), null);
    }

    /**
     * Descriptors to pass.
     *
     * @param descriptors at most {@value #MAX_DESCRIPTORS}
     * @return the ancillary data
     * @throws IllegalArgumentException for more than {@value #MAX_DESCRIPTORS} descriptors
     */
    public static Ancillary descriptors(List<? extends PassableDescriptor> descriptors) {
        return new Ancillary(List.copyOf(descriptors), null);
    }

    /**
     * Credentials to state with the message. The kernel accepts a process's own pid, uid and
     * gid; other values need privileges ({@code CAP_SYS_ADMIN}, {@code CAP_SETUID},
     * {@code CAP_SETGID}) and fail with {@link PermissionDeniedException} otherwise.
     *
     * @param credentials the credentials, with a pid
     * @return the ancillary data
     */
    public static Ancillary credentials(PeerCredentials credentials) {
        return NONE.withCredentials(credentials);
    }

    /**
     * This ancillary data with credentials added.
     *
     * @param stated the credentials, with a pid
     * @return new ancillary data
     * @throws IllegalArgumentException if the credentials have no pid
     */
    public Ancillary withCredentials(PeerCredentials stated) {
        Objects.requireNonNull(stated, "credentials");
        if (stated.pid().isEmpty()) {
            throw new IllegalArgumentException("SCM_CREDENTIALS needs a pid: " + stated);
        }
        return new Ancillary(descriptors, stated);
    }

    /**
     * The descriptors to pass.
     *
     * @return the descriptors, possibly empty
     */
    public List<PassableDescriptor> descriptorList() {
        return descriptors;
    }

    /**
     * The credentials to state.
     *
     * @return the credentials, or empty
     */
    public Optional<PeerCredentials> statedCredentials() {
        return Optional.ofNullable(credentials);
    }

    /**
     * Whether there is nothing to send besides the data.
     *
     * @return true when there are neither descriptors nor credentials
     */
    public boolean isEmpty() {
        return descriptors.isEmpty() && credentials == null;
    }
}
