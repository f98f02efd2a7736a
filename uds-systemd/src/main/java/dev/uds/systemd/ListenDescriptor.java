package dev.uds.systemd;

import dev.uds.Backend;
import dev.uds.SocketType;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One descriptor that systemd passed with socket activation: its number (3 and up) and its name
 * from {@code LISTEN_FDNAMES} ({@code FileDescriptorName=} of the socket unit, or
 * {@code "unknown"}). It is taken as a {@link UnixSocket} at most once; until then it is left as
 * it was inherited, and one that is never taken stays open.
 *
 * @see SocketActivation#descriptors()
 */
public final class ListenDescriptor {
    private final int fd;
    private final String name;
    private final AtomicBoolean taken = new AtomicBoolean();

    ListenDescriptor(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /**
     * The descriptor's number.
     *
     * @return 3 for the first, then 4, ...
     */
    public int fd() {
        return fd;
    }

    /**
     * The descriptor's name.
     *
     * @return the name, {@code "unknown"} when systemd passed none
     */
    public String name() {
        return name;
    }

    /**
     * Whether it was taken as a socket already.
     *
     * @return true once an adopt call succeeded
     */
    public boolean isTaken() {
        return taken.get();
    }

    /**
     * Takes the descriptor as a listening socket of the type, on the default backend: a STREAM or
     * SEQPACKET socket that systemd listens on ({@code Accept=no}), or a bound DGRAM socket.
     *
     * @param type the type the service expects
     * @return the socket, which owns the descriptor from then on (set close-on-exec)
     * @throws IllegalStateException if it was taken already
     * @throws IOException naming the descriptor and what it is, if it is not an AF_UNIX socket
     *                     of that type that listens; it is then left open and can be taken again
     * @see UnixDomain#adoptListening(int, SocketType)
     */
    public UnixSocket adoptListening(SocketType type) throws IOException {
        return take(() -> UnixDomain.adoptListening(fd, type));
    }

    /**
     * As {@link #adoptListening(SocketType)}, on a given backend.
     *
     * @param backend the backend, which must declare {@link dev.uds.Capability#ADOPT_DESCRIPTOR}
     * @param type    the type the service expects
     * @return the socket
     * @throws IllegalStateException if it was taken already
     * @throws IOException as {@link #adoptListening(SocketType)}
     */
    public UnixSocket adoptListening(Backend backend, SocketType type) throws IOException {
        return take(() -> backend.adopt(fd, type, true));
    }

    /**
     * Takes the descriptor as a socket of the type, listening or not: a connection systemd
     * accepted ({@code Accept=yes}) is one.
     *
     * @param type the type the service expects
     * @return the socket, which owns the descriptor from then on (set close-on-exec)
     * @throws IllegalStateException if it was taken already
     * @throws IOException naming the descriptor and what it is, if it is not an AF_UNIX socket
     *                     of that type; it is then left open
     * @see UnixDomain#adopt(int, SocketType)
     */
    public UnixSocket adopt(SocketType type) throws IOException {
        return take(() -> UnixDomain.adopt(fd, type));
    }

    private interface Adoption {
        UnixSocket adopt() throws IOException;
    }

    private UnixSocket take(Adoption adoption) throws IOException {
        if (!taken.compareAndSet(false, true)) {
            throw new IllegalStateException("fd " + fd + " (" + name + ") was taken already");
        }
        try {
            return adoption.adopt();
        } catch (IOException | RuntimeException | Error e) {
            taken.set(false); // not taken: the descriptor is still as it was inherited
            throw e;
        }
    }

    /** For example {@code fd 3 (uds-sum.socket)}. */
    @Override
    public String toString() {
        return "fd " + fd + " (" + name + ")";
    }
}
