package dev.uds.systemd;

import java.io.IOException;

/**
 * An environment variable of systemd's protocols that cannot be used as it is: a
 * {@code LISTEN_PID} of another process, a {@code LISTEN_FDS} that is not a number, names that do
 * not match the descriptors, a {@code NOTIFY_SOCKET} that is not an AF_UNIX address. The message
 * names the variable and its value.
 */
public final class SystemdEnvironmentException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, with the variable and its value
     */
    public SystemdEnvironmentException(String message) {
        super(message);
    }
}
