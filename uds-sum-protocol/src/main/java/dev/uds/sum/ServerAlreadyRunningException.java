package dev.uds.sum;

import java.io.IOException;
import java.nio.file.Path;

/** A server answers at the socket path already, so another one does not start there. */
public final class ServerAlreadyRunningException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param socket the path a live server listens at
     */
    public ServerAlreadyRunningException(Path socket) {
        super("a server is already running at " + socket + "; stop it first (uds-sum client DOWN)"
                + " or choose another path with --socket");
    }
}
