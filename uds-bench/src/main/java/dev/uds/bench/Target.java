package dev.uds.bench;

import dev.uds.SocketType;

/**
 * What one benchmark run measures: a library ({@code jdk}, {@code ffm}, {@code jnr} or
 * {@code junixsocket}) with a socket type, written {@code ffm:SEQPACKET}; with {@code >c}
 * after the library ({@code ffm>c:SEQPACKET}), the peer is the native C echo process instead of
 * a second socket in this JVM.
 *
 * @param library    the backend's name, or {@code junixsocket}
 * @param type       the socket type
 * @param nativePeer whether the peer is the C program
 */
public record Target(String library, SocketType type, boolean nativePeer) {
    /** The library name of junixsocket, which is no uds backend. */
    public static final String JUNIXSOCKET = "junixsocket";

    /**
     * Parses {@code library[>c]:TYPE}.
     *
     * @param text the target as JMH's parameter holds it
     * @return the target
     */
    public static Target parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("target " + text + " is not library:TYPE, such as ffm:SEQPACKET");
        }
        String library = text.substring(0, colon);
        boolean nativePeer = library.endsWith(">c");
        return new Target(nativePeer ? library.substring(0, library.length() - 2) : library,
                SocketType.valueOf(text.substring(colon + 1)), nativePeer);
    }

    @Override
    public String toString() {
        return library + (nativePeer ? ">c" : "") + ":" + type;
    }
}
