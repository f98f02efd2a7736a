package dev.uds.internal;

/**
 * The one rule for a listen backlog, which every backend applies before any system call: at
 * least 1. Without it the backends disagreed, as the values below 1 have no meaning of their own
 * a caller could rely on: the JDK's {@code ServerSocketChannel.bind} replaces them with its
 * default of 50, while {@code listen(2)} takes 0 as "one connection may wait" and a negative
 * value as 0. A caller who wants the most the kernel grants calls {@code listen()}.
 */
public final class ListenBacklog {
    private ListenBacklog() {
    }

    /**
     * Checks a backlog.
     *
     * @param backlog the backlog a caller asked for
     * @return the backlog
     * @throws IllegalArgumentException if it is below 1, naming it
     */
    public static int checked(int backlog) {
        if (backlog < 1) {
            throw new IllegalArgumentException("listen backlog must be at least 1, not " + backlog
                    + "; listen() takes the kernel's largest");
        }
        return backlog;
    }
}
