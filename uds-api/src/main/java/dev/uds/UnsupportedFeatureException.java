package dev.uds;

import java.util.List;

/**
 * A backend was asked for a socket type or a capability it does not have. Thrown before any
 * system call; the message names the backend, the feature, and the installed backends that do
 * have it.
 *
 * @see Backend#capabilities()
 * @see Backend#socketTypes()
 */
public final class UnsupportedFeatureException extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    /** The backend that lacks the feature. */
    private final String backend;
    /** The missing feature. */
    private final String feature;

    /**
     * Creates the exception.
     *
     * @param backend           the backend that lacks the feature
     * @param feature           the feature, such as {@code "SEQPACKET sockets"}
     * @param backendsWithIt    the installed, available backends that have it
     */
    public UnsupportedFeatureException(String backend, String feature, List<String> backendsWithIt) {
        super("the " + backend + " backend does not support " + feature + "; "
                + (backendsWithIt.isEmpty()
                        ? "no installed backend does"
                        : "backends that do: " + String.join(", ", backendsWithIt)));
        this.backend = backend;
        this.feature = feature;
    }

    /**
     * The exception for a capability a backend lacks, listing the installed backends that have it.
     *
     * @param backend    the backend's name
     * @param capability the capability it lacks
     * @return the exception, to be thrown
     */
    public static UnsupportedFeatureException of(String backend, Capability capability) {
        return new UnsupportedFeatureException(backend, capability.description(),
                Registry.installed().namesWith(capability));
    }

    /**
     * The exception for a socket type a backend lacks, listing the installed backends that have it.
     *
     * @param backend the backend's name
     * @param type    the socket type it lacks
     * @return the exception, to be thrown
     */
    public static UnsupportedFeatureException of(String backend, SocketType type) {
        return new UnsupportedFeatureException(backend, type + " sockets", Registry.installed().namesWith(type));
    }

    /**
     * The backend that lacks the feature.
     *
     * @return the backend's name
     */
    public String backend() {
        return backend;
    }

    /**
     * The feature that is missing.
     *
     * @return its description
     */
    public String feature() {
        return feature;
    }
}
