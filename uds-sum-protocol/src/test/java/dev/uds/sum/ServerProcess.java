package dev.uds.sum;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.sum.cli.SumCli;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sum server in a process of its own: {@code uds-sum server} (the CLI's main) on this test's
 * class path, as {@code bin/uds-sum} runs it from the jars. Its own process, so that its
 * descriptors ({@code /proc/PID/fd}) and heap are counted apart from the test's, and so that it
 * can be killed.
 *
 * <p>Its heap is bounded by {@link #HEAP_LIMIT}, and it exits on {@link OutOfMemoryError} rather
 * than limp on: a server that outgrew the bound fails the test that loads it. Its collections go
 * to a GC log that {@link #heap()} reads.
 */
public final class ServerProcess implements AutoCloseable {
    /** The server's {@code -Xmx}. */
    public static final String HEAP_LIMIT = "32m";

    private static final AtomicInteger STARTED = new AtomicInteger();

    private final Transport transport;
    private final Path socket;
    private final Process process;
    private final Path log;
    private final Path out;
    private final Path gcLog;
    private final boolean wrapped;

    private ServerProcess(Transport transport, Path socket, Process process, Path log, Path out, Path gcLog,
                          boolean wrapped) {
        this.wrapped = wrapped;
        this.transport = transport;
        this.socket = socket;
        this.process = process;
        this.log = log;
        this.out = out;
        this.gcLog = gcLog;
    }

    /**
     * Starts a server at {@code dir/sum.socket} and waits until it serves.
     *
     * @param transport its backend and socket type
     * @param dir       the directory of its socket file and logs
     * @param options   more {@code uds-sum server} options, such as {@code --max-clients 200}
     * @return the serving server
     */
    public static ServerProcess start(Transport transport, Path dir, String... options)
            throws IOException, InterruptedException {
        return launch(transport, dir, dir.resolve("sum.socket"), List.of(), List.of(options)).awaitServing();
    }

    /**
     * Starts a server without waiting for it: for servers that must refuse to start.
     *
     * @param transport its backend and socket type
     * @param dir       where its logs go
     * @param socket    its {@code --socket}
     * @param wrapper   a command that runs the JVM's command line, such as {@code strace -f}; empty
     *                  for none
     * @param options   more {@code uds-sum server} options
     * @return the process, perhaps still starting
     */
    public static ServerProcess launch(Transport transport, Path dir, Path socket, List<String> wrapper,
                                       List<String> options) throws IOException {
        transport.assumePresent();
        int n = STARTED.incrementAndGet();
        Path log = dir.resolve("server-" + n + ".log");
        Path out = dir.resolve("server-" + n + ".out");
        Path gcLog = dir.resolve("server-" + n + ".gc.log");
        // A shell's background job (`mvn -B verify &` in a script) inherits SIGINT ignored, and a
        // JVM started so never handles it: env(1) of coreutils 9+ puts it back to its default, so
        // that signal("INT") stops the server as it does one started from a terminal.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(wrapper);
        command.addAll(List.of(java(), "-Xmx" + HEAP_LIMIT, "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc:file=" + gcLog, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SumCli.class.getName(), "server",
                "--socket", socket.toString(), "--backend", transport.backend(),
                "--type", transport.type().name().toLowerCase()));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
        return new ServerProcess(transport, socket, process, log, out, gcLog, !wrapper.isEmpty());
    }

    /** The JVM that runs this test: a JDK 22+, with every backend. */
    static String java() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    /**
     * Waits until the server says it serves and its socket file exists, failing if it exits
     * first. The file alone is not enough: a stale one may be there before the server removes it.
     */
    ServerProcess awaitServing() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS) || !log().contains("serving " + transport.type())) {
            assertTrue(process.isAlive(), "the server exited with " + (process.isAlive() ? "" : process.exitValue())
                    + ": " + log());
            assertTrue(System.nanoTime() < deadline, "the server did not create " + socket + ": " + log());
            Thread.sleep(20);
        }
        return this;
    }

    /**
     * Runs sessions until the server has loaded its classes and started what it starts once
     * (the JDK's and the ffm backend's pollers start when a session first waits for its client),
     * so that a count of descriptors after it is the server's resting count.
     *
     * @return the server's descriptors after the warm-up
     */
    public TreeMap<Integer, String> warmUp() throws IOException, InterruptedException {
        CheckedSessions.Outcome outcome = CheckedSessions.run(client(), 8, 25, 1);
        assertTrue(outcome.wrong() + outcome.lost() == 0, "warm-up: " + outcome.failures());
        try (RawConnection slow = connect()) {
            Thread.sleep(300); // the session waits for this client's first message
            slow.send("1", "END");
            assertTrue(slow.replyText().equals("1"), "warm-up: the slow session's reply");
        }
        return settledDescriptors();
    }

    /**
     * The server's descriptors once their count holds still: sessions close a moment after
     * their client has its reply.
     */
    public TreeMap<Integer, String> settledDescriptors() throws IOException, InterruptedException {
        TreeMap<Integer, String> last = descriptors();
        for (int steady = 0, rounds = 0; steady < 3 && rounds < 100; rounds++) {
            Thread.sleep(50);
            TreeMap<Integer, String> now = descriptors();
            steady = now.size() == last.size() ? steady + 1 : 0;
            last = now;
        }
        return last;
    }

    /** The server's backend and socket type. */
    public Transport transport() {
        return transport;
    }

    /** The socket file's path. */
    public Path socket() {
        return socket;
    }

    /** The server JVM's process id; under a wrapper, that of the JVM it started. */
    public long pid() {
        if (!wrapped) {
            return process.pid();
        }
        return process.toHandle().descendants()
                .filter(child -> child.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no JVM under " + process.info().command()))
                .pid();
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** A client of this server on its backend and type. */
    public SumClient client() {
        return SumClient.of(socket).withType(transport.type()).withBackend(transport.backend());
    }

    /** A connection that sends exactly what the test says. */
    RawConnection connect() throws IOException {
        return RawConnection.open(transport, socket);
    }

    /** What the server wrote to standard error: its log. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** What the server wrote to standard output: nothing, ever. */
    public String stdout() throws IOException {
        return Files.readString(out);
    }

    /**
     * Sends a signal with kill(1): {@code TERM}, {@code INT}, {@code KILL}, {@code STOP}, {@code CONT}.
     *
     * @param name the signal's name without {@code SIG}
     */
    public void signal(String name) throws IOException, InterruptedException {
        long pid = pid();
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill -" + name + " did not return");
        assertTrue(kill.exitValue() == 0, "kill -" + name + " " + pid + " failed");
    }

    /**
     * Waits for the process to end.
     *
     * @return its exit status
     */
    public int awaitExit() throws IOException, InterruptedException {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the server did not end: " + log());
        return process.exitValue();
    }

    /**
     * The server's open descriptors, from {@code /proc/PID/fd}: number to target.
     *
     * @return e.g. {@code 7 -> socket:[1234]}, by number
     */
    public TreeMap<Integer, String> descriptors() throws IOException {
        TreeMap<Integer, String> open = new TreeMap<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid()), "fd"))) {
            for (Path fd : fds) {
                try {
                    open.put(Integer.parseInt(fd.getFileName().toString()), Files.readSymbolicLink(fd).toString());
                } catch (NoSuchFileException e) {
                    // closed between the listing and the read
                }
            }
        }
        return open;
    }

    /**
     * Waits until the server holds as many descriptors as {@code baseline}: sessions end a moment
     * after their client has its reply. Gives up after 20 seconds.
     *
     * @param baseline what {@link #descriptors()} returned before
     * @return the descriptors at the end of the wait, for the caller to compare
     */
    public TreeMap<Integer, String> awaitDescriptors(TreeMap<Integer, String> baseline)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        TreeMap<Integer, String> now = descriptors();
        while (now.size() != baseline.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = descriptors();
        }
        return now;
    }

    /**
     * Waits until {@code count} connections wait in the server's listen backlog, not yet
     * accepted: the Recv-Q that {@code ss -xl} shows for the listening socket the server holds.
     * Skips the test where there is no {@code ss}.
     */
    public void awaitBacklog(int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int waiting = 0;
        while (System.nanoTime() < deadline) {
            waiting = backlog();
            if (waiting >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(waiting + " connections wait in the backlog, not " + count);
    }

    /**
     * How many connections wait in the server's listen backlog now, not yet accepted: the Recv-Q
     * that {@code ss -xl} shows for the listening socket the server holds. Skips the test where
     * there is no {@code ss}.
     */
    public int backlog() throws IOException, InterruptedException {
        Path ss = ExternalProgram.require("ss", "counting the connections in a listen backlog");
        Set<String> inodes = new HashSet<>();
        for (String target : descriptors().values()) {
            if (target.startsWith("socket:[")) {
                inodes.add(target.substring("socket:[".length(), target.length() - 1));
            }
        }
        int waiting = 0;
        // Netid State Recv-Q Send-Q Local-Address Inode Peer-Address Peer-Inode
        for (String line : ExternalProgram.run(List.of(ss.toString(), "-xlH")).stdout().split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 6 && inodes.contains(fields[5])) {
                waiting += Integer.parseInt(fields[2]);
            }
        }
        return waiting;
    }

    /** What changed between two {@link #descriptors()}: for a failure's message. */
    public static String difference(TreeMap<Integer, String> before, TreeMap<Integer, String> after) {
        List<String> changes = new ArrayList<>();
        after.forEach((fd, target) -> {
            if (!target.equals(before.get(fd))) {
                changes.add("+" + fd + " -> " + target);
            }
        });
        before.forEach((fd, target) -> {
            if (!target.equals(after.get(fd))) {
                changes.add("-" + fd + " -> " + target);
            }
        });
        return before.size() + " before, " + after.size() + " after: " + changes;
    }

    /** Reads the GC log written so far. */
    public ServerHeap heap() throws IOException {
        return ServerHeap.read(gcLog);
    }

    /**
     * Runs a full collection in the server (jcmd GC.run) and returns the heap left after it:
     * what the server holds on to. The attach mechanism leaves a socket open in the server, so
     * count descriptors before calling this.
     *
     * @return the live heap in KiB
     */
    public long liveHeapAfterFullCollection() throws IOException, InterruptedException {
        int before = heap().collections();
        Path jcmd = Path.of(java()).resolveSibling("jcmd");
        ExternalProgram.Outcome outcome = ExternalProgram.run(List.of(jcmd.toString(), Long.toString(pid()), "GC.run"));
        assertTrue(outcome.exit() == 0, "jcmd GC.run failed: " + outcome.stdout() + outcome.stderr());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ServerHeap heap = heap();
        while (heap.collections() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
            heap = heap();
        }
        assertTrue(heap.collections() > before, "no collection logged after jcmd GC.run");
        return heap.lastLiveKiB();
    }

    /** Ends the process (SIGKILL), and the JVM under a wrapper, if they still run. */
    @Override
    public void close() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
