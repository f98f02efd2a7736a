package dev.uds.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may reach the server and where it may write, with the server as a process of its own: the
 * socket file's mode from its first moment, another user's connect and {@code DOWN}, and paths
 * that lead elsewhere through symbolic links, or to a file that is not a socket.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the figures' order
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SecurityTest {
    private static final Figures FIGURES = new Figures("security", "Security: who may reach the server, where it writes",
            "check", "backend", "type", "must", "got");
    private static final int NOBODY = 65534;

    @TempDir
    Path dir;

    /** Records a row, the test's directory written DIR. */
    private void record(String check, Transport transport, String must, String got) {
        FIGURES.row(check, transport.backend(), transport.type(), must, got.replace(dir.toString(), "DIR"));
    }

    // The socket file's mode, from its first moment.

    private static final Pattern MKDIR = Pattern.compile("mkdir(?:at)?\\((?:AT_FDCWD, )?\"([^\"]*/\\.uds-sum-[0-9a-f]+)\", (0\\d+)\\) = 0");
    private static final Pattern BIND = Pattern.compile("bind\\(\\d+, \\{sa_family=AF_UNIX, sun_path=\"([^\"]+)\"\\}, \\d+\\) = 0");
    private static final Pattern CHMOD = Pattern.compile("(?:f?chmod(?:at)?)\\((?:AT_FDCWD, )?\"([^\"]+)\", (0\\d+)(?:, \\d+)?\\) = 0");
    private static final Pattern LINK = Pattern.compile("link(?:at)?\\((?:AT_FDCWD, )?\"([^\"]+)\", (?:AT_FDCWD, )?\"([^\"]+)\"(?:, 0)?\\) = 0");

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void socketFileIsOwnerOnlyFromItsFirstMomentEvenWithUmaskZero(Transport transport) throws Exception {
        transport.assumePresent();
        Path strace = ExternalProgram.require("strace", "watching the server's system calls");
        Path trace = dir.resolve("server.strace");
        Path socket = dir.resolve("sum.socket");
        // umask 000: bind(2) alone would create the file 0777.
        List<String> wrapper = List.of(strace.toString(), "-f", "-qq", "-o", trace.toString(),
                "-e", "trace=mkdir,mkdirat,bind,chmod,fchmodat,link,linkat", "sh", "-c", "umask 000 && exec \"$@\"", "sh");
        String mode;
        List<String> calls;
        try (ServerProcess server = ServerProcess.launch(transport, dir, socket, wrapper, List.of()).awaitServing()) {
            mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS));
            calls = creationOfTheSocketFile(Files.readAllLines(trace), socket);
            server.signal("TERM");
            assertEquals(0, server.awaitExit(), server.log());
        }
        record("the socket file's mode, from its first moment (strace, umask 000)", transport,
                "mkdir 0700 → bind inside → chmod 0600 → link into place; rw-------", String.join(" → ", calls) + "; " + mode);
        FIGURES.note("The mode check runs the server under `strace -f` with umask 000 and reads the order of its "
                + "calls: the socket is bound in a fresh 0700 directory, given its mode there, and only then "
                + "linked to its path, so no one else can reach it before it is owner-only. Directories "
                + "`.uds-sum-XXXXXXXX` are abbreviated `.uds-sum-*`.");
        FIGURES.note("The jdk backend binds twice: its listen closes the `SocketChannel` it bound, and binds a "
                + "`ServerSocketChannel` at the same path (inside the private directory here).");
        assertEquals("rw-------", mode);
        List<String> collapsed = new ArrayList<>();
        for (String call : calls) {
            if (collapsed.isEmpty() || !collapsed.get(collapsed.size() - 1).equals(call)) {
                collapsed.add(call);
            }
        }
        assertEquals(List.of("mkdir .uds-sum-* 0700", "bind .uds-sum-*/s", "chmod .uds-sum-*/s 0600",
                "link .uds-sum-*/s → sum.socket"), collapsed, "in this order, binds repeated or not: " + calls);
    }

    /**
     * The calls that made the socket file, in order, with the private directory abbreviated;
     * fails on a bind or chmod of the path itself.
     */
    private static List<String> creationOfTheSocketFile(List<String> trace, Path socket) {
        List<String> calls = new ArrayList<>();
        String privateDir = null;
        for (String line : trace) {
            Matcher m;
            if ((m = MKDIR.matcher(line)).find() && privateDir == null) {
                privateDir = m.group(1);
                calls.add("mkdir .uds-sum-* " + m.group(2));
            } else if ((m = BIND.matcher(line)).find()) {
                assertFalse(m.group(1).equals(socket.toString()), "bound at the path itself: " + line);
                if (privateDir != null && m.group(1).startsWith(privateDir)) {
                    calls.add("bind " + m.group(1).replace(privateDir, ".uds-sum-*"));
                }
            } else if ((m = CHMOD.matcher(line)).find()) {
                assertFalse(m.group(1).equals(socket.toString()), "chmod of the path itself: " + line);
                if (privateDir != null && m.group(1).startsWith(privateDir)) {
                    calls.add("chmod " + m.group(1).replace(privateDir, ".uds-sum-*") + " " + m.group(2));
                }
            } else if ((m = LINK.matcher(line)).find() && privateDir != null && m.group(1).startsWith(privateDir)) {
                calls.add("link " + m.group(1).replace(privateDir, ".uds-sum-*") + " → "
                        + Path.of(m.group(2)).getFileName());
            }
        }
        return calls;
    }

    // Another user.

    private Path nobodyClient() throws Exception {
        Path setpriv = ExternalProgram.require("setpriv", "running a client as another user");
        boolean root = "0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid")));
        if (!root) {
            System.err.println("SKIPPED: running a client as another user needs root");
        }
        Assumptions.assumeTrue(root, "running a client as another user needs root");
        Path client = ExternalProgram.compileC("sum-client", dir);
        // nobody must reach the directory and run the client; the socket file's mode alone decides.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rwxr-xr-x"));
        return setpriv;
    }

    private ExternalProgram.Outcome asNobody(Path setpriv, Transport transport, Path socket, String... arguments)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", dir.resolve("sum-client").toString()));
        if (transport.type() == SocketType.STREAM) {
            command.add("-s");
        }
        command.add(socket.toString());
        command.addAll(List.of(arguments));
        return ExternalProgram.run(command);
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void anotherUserCannotConnectAtTheDefaultMode(Transport transport) throws Exception {
        transport.assumePresent();
        Path setpriv = nobodyClient();
        try (ServerProcess server = ServerProcess.start(transport, dir)) {
            ExternalProgram.Outcome refused = asNobody(setpriv, transport, server.socket(), "3", "4");
            record("uid 65534 connects to the default socket file (0600)", transport,
                    "EACCES", "exit " + refused.exit() + ": " + refused.stderr().strip());
            assertEquals(2, refused.exit(), refused.stdout() + refused.stderr());
            assertTrue(refused.stderr().contains("Permission denied"), refused.stderr());
            assertEquals(7, server.client().send(List.of("3", "4")).sum());
        }
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void anotherUserReachesAnOpenedModeButItsDownIsRefused(Transport transport) throws Exception {
        transport.assumePresent();
        Path setpriv = nobodyClient();
        try (ServerProcess server = ServerProcess.start(transport, dir, "--mode", "0666")) {
            ExternalProgram.Outcome sum = asNobody(setpriv, transport, server.socket(), "3", "4");
            ExternalProgram.Outcome down = asNobody(setpriv, transport, server.socket(), "DOWN");
            boolean servesOn = server.client().send(List.of("3", "4")).sum() == 7;
            record("uid 65534 sends `3 4`, then `DOWN`, with `--mode 0666`", transport,
                    "Result = 7; Result = ERR DENIED; server serves on",
                    sum.stdout().strip() + "; " + down.stdout().strip() + "; " + (servesOn ? "server serves on" : "server STOPPED"));
            FIGURES.note("Another user is uid 65534 (nobody), running the C client of src/test/c through `setpriv "
                    + "--reuid=65534 --regid=65534 --clear-groups`; its directory is opened to it (0755), so the "
                    + "socket file's mode alone decides whether it may connect.");
            assertEquals("Result = 7\n", sum.stdout(), sum.stderr());
            assertEquals("Result = ERR DENIED\n", down.stdout(), down.stderr());
            assertTrue(servesOn);
            assertTrue(server.log().contains("DOWN refused"), server.log());
        }
    }

    // Paths that lead elsewhere.

    /** A socket file nobody listens at: a server that starts at its path removes it. */
    private static Path staleSocket(Transport transport, Path path) throws Exception {
        UnixDomain.backend(transport.backend()).listen(transport.type(), UnixAddress.of(path), 1).close();
        assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
        return path;
    }

    private ServerProcess refusedAt(Transport transport, Path socket) throws Exception {
        ServerProcess server = ServerProcess.launch(transport, dir, socket, List.of(), List.of());
        assertEquals(1, server.awaitExit(), server.log());
        return server;
    }

    private static List<String> listing(Path directory) throws Exception {
        try (var files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Order(4)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void pathThroughASymlinkedDirectoryIsRefusedNotFollowed(Transport transport) throws Exception {
        transport.assumePresent();
        Path real = Files.createDirectory(dir.resolve("real"));
        Path stale = staleSocket(transport, real.resolve("sum.socket"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        try (ServerProcess server = refusedAt(transport, link.resolve("sum.socket"))) {
            String log = server.log().strip();
            List<String> left = listing(real);
            record("`--socket link/sum.socket`, link → a directory holding a stale socket", transport,
                    "exit 1; stale socket kept, nothing created", "exit 1: " + log.substring(log.lastIndexOf('\n') + 1)
                            + "; the directory holds " + left);
            assertTrue(log.contains("symbolic link"), log);
            assertEquals(List.of("sum.socket"), left, "the stale socket is neither removed nor replaced");
            assertTrue(Files.exists(stale, LinkOption.NOFOLLOW_LINKS));
        }
    }

    @Order(5)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void symlinkAtThePathIsRefusedNotFollowed(Transport transport) throws Exception {
        transport.assumePresent();
        Path stale = staleSocket(transport, dir.resolve("elsewhere.socket"));
        Path toStale = Files.createSymbolicLink(dir.resolve("sum.socket"), stale);
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.socket"), dir.resolve("created-if-followed"));
        try (ServerProcess first = refusedAt(transport, toStale);
             ServerProcess second = refusedAt(transport, dangling)) {
            List<String> left = listing(dir).stream().filter(name -> !name.startsWith("server-")).toList();
            record("`--socket` a symbolic link to a stale socket; and a dangling one", transport,
                    "exit 1 twice; links and socket kept, nothing created",
                    "exit 1, exit 1; the directory holds " + left);
            assertTrue(first.log().contains("symbolic link"), first.log());
            assertTrue(second.log().contains("symbolic link"), second.log());
            assertEquals(List.of("dangling.socket", "elsewhere.socket", "sum.socket"), left);
            assertTrue(Files.isSymbolicLink(toStale) && Files.exists(stale, LinkOption.NOFOLLOW_LINKS));
        }
    }

    @Order(6)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void regularFileAtThePathIsRefusedAndKept(Transport transport) throws Exception {
        transport.assumePresent();
        Path file = Files.writeString(dir.resolve("sum.socket"), "data");
        try (ServerProcess server = refusedAt(transport, file)) {
            String log = server.log().strip();
            String content = Files.readString(file);
            record("`--socket` a regular file", transport, "exit 1; file kept as it was",
                    "exit 1: " + log.substring(log.lastIndexOf('\n') + 1) + "; the file holds \"" + content + "\"");
            assertTrue(log.contains("not a socket"), log);
            assertEquals("data", content);
        }
    }
}
