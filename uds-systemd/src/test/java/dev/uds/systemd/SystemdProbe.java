package dev.uds.systemd;

import dev.uds.SocketType;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The service that the process tests start, on their class path, with its backend in
 * {@code -Duds.backend}. It prints one line per step on standard output, for the test to check.
 *
 * <ul>
 * <li>{@code listen TYPE}: takes every descriptor of {@link SocketActivation} as a listening
 *     socket of TYPE, printing whether it was close-on-exec before and after; then accepts one
 *     connection on each and answers it with the descriptor's name. A descriptor it cannot take
 *     is reported with what {@code /proc/self/fd} says it still is, and the exit status is 3.</li>
 * <li>{@code listen TYPE any}: the same, taking each with {@link ListenDescriptor#adopt} (listening
 *     or not) instead of {@link ListenDescriptor#adoptListening}.</li>
 * <li>{@code receive}: takes descriptor 3 with {@link UnixDomain#adopt(int)}, whatever its type, and
 *     prints the type and the first datagram it receives.</li>
 * <li>{@code notify STATE...}: sends each state with {@link ServiceNotifier#fromEnvironment()}.</li>
 * </ul>
 */
public final class SystemdProbe {
    private static final long O_CLOEXEC = 02000000;
    private static final long O_NONBLOCK = 04000;

    private SystemdProbe() {
    }

    /**
     * Runs one mode.
     *
     * @param args the mode and its arguments
     * @throws Exception if a step fails unexpectedly
     */
    public static void main(String[] args) throws Exception {
        int status = "listen".equals(args[0]) ? listen(SocketType.valueOf(args[1]), args.length > 2)
                : "receive".equals(args[0]) ? receive() : notify(args);
        System.out.flush();
        System.exit(status);
    }

    private static int listen(SocketType type, boolean anyState) throws IOException {
        SocketActivation activation;
        try {
            activation = SocketActivation.fromEnvironment();
        } catch (SystemdEnvironmentException e) {
            System.out.println("error: " + e.getMessage());
            return 3;
        }
        List<UnixSocket> listeners = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (ListenDescriptor d : activation.descriptors()) {
                boolean before = closeOnExec(d.fd());
                UnixSocket listener;
                try {
                    listener = anyState ? d.adopt(type) : d.adoptListening(type);
                } catch (IOException e) {
                    System.out.println("error: " + e.getMessage());
                    System.out.println("still open: fd " + d.fd() + " -> " + target(d.fd()) + " taken=" + d.isTaken());
                    return 3;
                }
                listeners.add(listener);
                names.add(d.name());
                System.out.println("adopted " + d + " " + listener.type() + " close-on-exec before=" + before
                        + " after=" + closeOnExec(d.fd()) + " non-blocking=" + nonBlocking(d.fd()));
                try {
                    d.adoptListening(type);
                    System.out.println("taken twice: " + d);
                } catch (IllegalStateException e) {
                    System.out.println("again: " + e.getMessage());
                }
            }
            for (int i = 0; i < listeners.size(); i++) {
                try (UnixSocket connection = listeners.get(i).accept()) {
                    connection.send(ByteBuffer.wrap(names.get(i).getBytes(StandardCharsets.US_ASCII)));
                }
            }
            System.out.println("served " + listeners.size());
            return 0;
        } finally {
            for (UnixSocket listener : listeners) {
                listener.close();
            }
        }
    }

    private static int receive() throws IOException {
        SocketActivation.fromEnvironment().only(); // the environment is for this process
        try (UnixSocket socket = UnixDomain.adopt(SocketActivation.FIRST_DESCRIPTOR)) {
            ByteBuffer datagram = ByteBuffer.allocate(256);
            int n = socket.receive(datagram);
            System.out.println("adopted fd 3 " + socket.type() + " close-on-exec=" + closeOnExec(3)
                    + " received " + new String(datagram.array(), 0, n, StandardCharsets.US_ASCII));
        }
        return 0;
    }

    private static int notify(String[] args) throws IOException {
        Optional<ServiceNotifier> notifier = ServiceNotifier.fromEnvironment();
        for (int i = 1; i < args.length; i++) {
            notifier.orElseThrow().notify(args[i]);
            System.out.println("sent " + args[i]);
        }
        return 0;
    }

    /** The close-on-exec flag, from {@code /proc/self/fdinfo}. */
    private static boolean closeOnExec(int fd) throws IOException {
        return (flags(fd) & O_CLOEXEC) != 0;
    }

    /** O_NONBLOCK, from {@code /proc/self/fdinfo}. */
    private static boolean nonBlocking(int fd) throws IOException {
        return (flags(fd) & O_NONBLOCK) != 0;
    }

    /** The {@code flags:} line of {@code /proc/self/fdinfo}, in octal. */
    private static long flags(int fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", Integer.toString(fd)))) {
            if (line.startsWith("flags:")) {
                return Long.parseLong(line.substring("flags:".length()).trim(), 8);
            }
        }
        throw new IOException("no flags in /proc/self/fdinfo/" + fd);
    }

    private static String target(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))).toString();
        } catch (IOException e) {
            return "(closed: " + e + ")";
        }
    }
}
