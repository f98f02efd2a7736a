package dev.uds.systemd;

import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells the service manager what state this service is in, as {@code sd_notify(3)} does: each
 * state is one datagram of newline-separated {@code NAME=value} assignments, sent to the AF_UNIX
 * DGRAM socket that {@code NOTIFY_SOCKET} names, a path or, after an {@code @}, an abstract name.
 * systemd enables {@code SO_PASSCRED} on that socket, so the kernel attaches the sender's
 * credentials ({@code SCM_CREDENTIALS}) to each datagram, and systemd checks the pid there
 * against the service's (with {@code NotifyAccess=main}, the main process's).
 *
 * <pre>{@code
 * Optional<ServiceNotifier> notifier = ServiceNotifier.fromEnvironment();
 * // ... set up, bind or take the sockets ...
 * notifier.ifPresent(ServiceNotifier::ready);   // with Type=notify, the unit is started now
 * }</pre>
 *
 * <p>Each call opens a DGRAM socket, sends, and closes it: nothing stays open between calls.
 *
 * @see "sd_notify(3), systemd.service(5): Type=notify, NotifyAccess="
 */
public final class ServiceNotifier {
    /** The environment variable that names the socket. */
    public static final String VARIABLE = "NOTIFY_SOCKET";

    private final UnixAddress address;

    private ServiceNotifier(UnixAddress address) {
        this.address = address;
    }

    /**
     * The notifier for {@code NOTIFY_SOCKET}, when the service manager set it.
     *
     * @return the notifier, or empty when {@code NOTIFY_SOCKET} is unset (not run by systemd, or
     *         not with {@code Type=notify})
     * @throws SystemdEnvironmentException if it is set to something other than an absolute path
     *                                     or an {@code @} abstract name (such as systemd's
     *                                     {@code vsock:} addresses, which are not AF_UNIX)
     */
    public static Optional<ServiceNotifier> fromEnvironment() throws SystemdEnvironmentException {
        String value = System.getenv(VARIABLE);
        return value == null ? Optional.empty() : Optional.of(of(value));
    }

    /** The notifier for a value of {@code NOTIFY_SOCKET}. */
    static ServiceNotifier of(String value) throws SystemdEnvironmentException {
        try {
            if (value.startsWith("/")) {
                return new ServiceNotifier(UnixAddress.of(value));
            }
            if (value.startsWith("@") && value.length() > 1) {
                return new ServiceNotifier(UnixAddress.abstractName(value.substring(1)));
            }
        } catch (IllegalArgumentException e) {
            throw new SystemdEnvironmentException(VARIABLE + "=" + value + ": " + e.getMessage());
        }
        throw new SystemdEnvironmentException(VARIABLE + "=" + value + " is not an AF_UNIX address: "
                + "an absolute path, or @ and an abstract name");
    }

    /**
     * A notifier that sends to a given socket, for a service manager other than systemd or for
     * tests.
     *
     * @param address the receiver's address, a pathname or an abstract name
     * @return the notifier
     */
    public static ServiceNotifier to(UnixAddress address) {
        return new ServiceNotifier(Objects.requireNonNull(address, "address"));
    }

    /**
     * Where the notifications go.
     *
     * @return the address
     */
    public UnixAddress address() {
        return address;
    }

    /**
     * {@code READY=1}: start-up is finished; with {@code Type=notify}, the unit is now active.
     *
     * @throws IOException as {@link #notify(String)}
     */
    public void ready() throws IOException {
        notify("READY=1");
    }

    /**
     * {@code STOPPING=1}: the service is beginning to shut down.
     *
     * @throws IOException as {@link #notify(String)}
     */
    public void stopping() throws IOException {
        notify("STOPPING=1");
    }

    /**
     * {@code WATCHDOG=1}: the service is alive, for {@code WatchdogSec=}.
     *
     * @throws IOException as {@link #notify(String)}
     */
    public void watchdog() throws IOException {
        notify("WATCHDOG=1");
    }

    /**
     * {@code STATUS=...}: a line of text that {@code systemctl status} shows.
     *
     * @param text one line
     * @throws IllegalArgumentException if the text has a line break: it would end the assignment
     * @throws IOException as {@link #notify(String)}
     */
    public void status(String text) throws IOException {
        if (text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a STATUS is one line: " + text.replace("\n", "\\n"));
        }
        notify("STATUS=" + text);
    }

    /**
     * Sends a state as one datagram: one or more {@code NAME=value} assignments, one per line, in
     * UTF-8, such as {@code "READY=1\nSTATUS=serving"}.
     *
     * @param state the assignments
     * @throws IllegalArgumentException if the state is empty or a line is not {@code NAME=value}
     * @throws dev.uds.ConnectionRefusedException if nothing receives at the address, with the address
     * @throws dev.uds.PermissionDeniedException  if the socket file is not writable
     * @throws IOException for any other failure to send
     */
    public void notify(String state) throws IOException {
        for (String line : state.split("\n", -1)) {
            if (line.indexOf('=') <= 0) {
                throw new IllegalArgumentException("not a NAME=value assignment: \"" + line + "\" in \"" + state + "\"");
            }
        }
        try (UnixSocket socket = UnixDomain.open(SocketType.DGRAM)) {
            socket.connect(address);
            socket.send(ByteBuffer.wrap(state.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** For example {@code sd_notify to /run/systemd/notify}. */
    @Override
    public String toString() {
        return "sd_notify to " + address;
    }
}
