package dev.uds.sum.cli;

/** The exit codes of {@code uds-sum}, as the README lists them. */
enum ExitCode {
    /** The server stopped cleanly (DOWN, SIGINT, SIGTERM); the client printed a sum. */
    OK(0),
    /** Client: no server at the path ("The server is down."). Server: it could not start. */
    FAILURE(1),
    /** The command line was wrong. */
    USAGE(2),
    /** Client: the server answered with an error reply ({@code ERR ...}). */
    ERROR_REPLY(3),
    /** Client: the connection failed mid-session, or the server sent no or a malformed reply. */
    NO_REPLY(4);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    int status() {
        return status;
    }
}
