package dev.uds.systemd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sockets systemd opened for this service and passed at its start (socket activation), read
 * from {@code LISTEN_PID}, {@code LISTEN_FDS} and {@code LISTEN_FDNAMES} as
 * {@code sd_listen_fds_with_names(3)} does: {@code LISTEN_FDS} descriptors from number 3, passed
 * to the process whose id is {@code LISTEN_PID}, named in order by the colon-separated
 * {@code LISTEN_FDNAMES}.
 *
 * <pre>{@code
 * SocketActivation activation = SocketActivation.fromEnvironment();
 * UnixSocket listener = activation.isActive()
 *         ? activation.only().adoptListening(SocketType.SEQPACKET)
 *         : UnixDomain.listen(SocketType.SEQPACKET, UnixAddress.of("/run/example.sock"), 64);
 * }</pre>
 *
 * <p>Each descriptor is checked when it is taken, not before: an AF_UNIX socket of the type the
 * service expects, set close-on-exec then (see {@link ListenDescriptor}). Descriptors that are
 * not taken are left alone, open and inheritable, as they came.
 *
 * <p>Differences from {@code sd_listen_fds(3)}: a {@code LISTEN_PID} of another process is an
 * error here, not "no descriptors": it means a parent passed its own environment on, and this
 * process would otherwise quietly bind sockets of its own. And Java cannot unset environment
 * variables ({@code sd_listen_fds}'s {@code unset_environment}): a service that starts other
 * processes removes {@link #VARIABLES} from their environment itself, for example with
 * {@code processBuilder.environment().keySet().removeAll(SocketActivation.VARIABLES)}.
 *
 * @see "sd_listen_fds(3), systemd.socket(5)"
 */
public final class SocketActivation {
    /** The first descriptor systemd passes ({@code SD_LISTEN_FDS_START}). */
    public static final int FIRST_DESCRIPTOR = 3;
    /** The environment variables of socket activation. */
    public static final List<String> VARIABLES = List.of("LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES");
    /** The name of a descriptor systemd passed without one. */
    public static final String UNNAMED = "unknown";

    private static SocketActivation inherited;

    private final List<ListenDescriptor> descriptors;

    private SocketActivation(List<ListenDescriptor> descriptors) {
        this.descriptors = Collections.unmodifiableList(descriptors);
    }

    /**
     * The descriptors this process was started with, read once: every call returns the same
     * object, so that a descriptor is taken once in the whole process.
     *
     * @return the activation; not {@link #isActive() active} when {@code LISTEN_FDS} is unset
     * @throws SystemdEnvironmentException if {@code LISTEN_PID} names another process or is
     *                                     missing, or a variable cannot be read; the message
     *                                     names it
     */
    public static synchronized SocketActivation fromEnvironment() throws SystemdEnvironmentException {
        if (inherited == null) {
            inherited = of(System.getenv(), ProcessHandle.current().pid());
        }
        return inherited;
    }

    /** Reads the variables as a process with that id sees them. */
    static SocketActivation of(Map<String, String> environment, long pid) throws SystemdEnvironmentException {
        String fds = environment.get("LISTEN_FDS");
        if (fds == null) {
            return new SocketActivation(List.of());
        }
        String listenPid = environment.get("LISTEN_PID");
        if (listenPid == null) {
            throw new SystemdEnvironmentException("LISTEN_FDS=" + fds + " without LISTEN_PID: cannot tell whether the "
                    + "descriptors were passed to this process (pid " + pid + ")");
        }
        if (number("LISTEN_PID", listenPid) != pid) {
            throw new SystemdEnvironmentException("LISTEN_PID=" + listenPid + " is not this process (pid " + pid
                    + "): the descriptors of LISTEN_FDS=" + fds + " were passed to another process, which started "
                    + "this one without removing " + String.join(", ", VARIABLES) + " from its environment");
        }
        long count = number("LISTEN_FDS", fds);
        if (count > Integer.MAX_VALUE - FIRST_DESCRIPTOR) {
            throw new SystemdEnvironmentException("LISTEN_FDS=" + fds + ": more descriptors than a process can have");
        }
        String names = environment.get("LISTEN_FDNAMES");
        List<String> named = names == null ? Collections.nCopies((int) count, UNNAMED) : List.of(names.split(":", -1));
        if (named.size() != count) {
            throw new SystemdEnvironmentException("LISTEN_FDNAMES=" + names + " names " + named.size()
                    + " descriptors, but LISTEN_FDS=" + fds);
        }
        List<ListenDescriptor> descriptors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            descriptors.add(new ListenDescriptor(FIRST_DESCRIPTOR + i, named.get(i)));
        }
        return new SocketActivation(descriptors);
    }

    private static long number(String variable, String value) throws SystemdEnvironmentException {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, as a negative number is
        }
        throw new SystemdEnvironmentException(variable + "=" + value + " is not a number of 0 or more");
    }

    /**
     * Whether systemd passed this process at least one descriptor.
     *
     * @return true if there are descriptors to take
     */
    public boolean isActive() {
        return !descriptors.isEmpty();
    }

    /**
     * Every descriptor passed, in order: numbers 3 and up.
     *
     * @return the descriptors; empty when not active
     */
    public List<ListenDescriptor> descriptors() {
        return descriptors;
    }

    /**
     * The one descriptor passed, for a service that serves one socket.
     *
     * @return the descriptor
     * @throws SystemdEnvironmentException if none or several were passed; the message lists them
     */
    public ListenDescriptor only() throws SystemdEnvironmentException {
        if (descriptors.size() != 1) {
            throw new SystemdEnvironmentException("expected one socket from systemd, got LISTEN_FDS="
                    + descriptors.size() + describe());
        }
        return descriptors.get(0);
    }

    /**
     * The one descriptor of a name ({@code FileDescriptorName=} in the socket unit).
     *
     * @param name the name
     * @return the descriptor
     * @throws SystemdEnvironmentException if no descriptor or several have that name; the
     *                                     message lists what was passed
     */
    public ListenDescriptor named(String name) throws SystemdEnvironmentException {
        List<ListenDescriptor> found = descriptors.stream().filter(d -> d.name().equals(name))
                .collect(Collectors.toList());
        if (found.size() != 1) {
            throw new SystemdEnvironmentException((found.isEmpty() ? "no" : found.size()) + " descriptors named '"
                    + name + "' in LISTEN_FDNAMES" + describe());
        }
        return found.get(0);
    }

    private String describe() {
        return descriptors.isEmpty() ? "" : ": " + descriptors;
    }

    /** The descriptors, such as {@code [fd 3 (a), fd 4 (b)]}. */
    @Override
    public String toString() {
        return descriptors.toString();
    }
}
