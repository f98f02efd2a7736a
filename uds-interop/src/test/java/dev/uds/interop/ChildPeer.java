package dev.uds.interop;

import dev.uds.Backend;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A peer in a process of its own that takes one half of a conversation per command, read as a
 * line on its standard input:
 * {@code ROLE TYPE FEATURE SERVER-ADDRESS CLIENT-ADDRESS DIR PEER-PID}, with ROLE
 * {@code accepting} or {@code connecting} and addresses as {@link Rendezvous#word(UnixAddress)}
 * writes them. It says {@code HELLO} on standard output when it starts; it answers there
 * {@code READY} once an accepting side is bound, then {@code PASS}, or {@code FAIL} and what failed. Its standard error goes to a log file,
 * whose end a failure quotes. {@link InteropPeer} (a JVM on one backend) and
 * {@code interop_peer.py} (Python's {@code socket} module) are such peers.
 */
final class ChildPeer implements AutoCloseable {
    private static final String EOF = "\0end of output";

    private final String name;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;
    private Identity identity;

    private ChildPeer(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.commands = process.outputWriter(StandardCharsets.US_ASCII);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("FAIL reading the peer's output: " + e);
            }
            lines.add(EOF);
        }, "interop-peer-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command}; its standard error goes to {@code name.log} in {@link Cells#DIR}. */
    static ChildPeer start(String name, List<String> command) throws IOException {
        Path log = Cells.DIR.resolve(name.replaceAll("[^A-Za-z0-9.-]", "_") + ".log");
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ChildPeer peer = new ChildPeer(name, p, log);
        try {
            // HELLO comes from the peer itself: any setpriv before it has set its ids by then.
            String line = peer.next();
            if (!line.equals("HELLO")) {
                throw peer.failure(line);
            }
            peer.identity = Identity.of(p.pid());
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            peer.close();
            throw e instanceof IOException io ? io : new IOException("cannot start the peer " + name, e);
        }
        return peer;
    }

    /** The peer's process, whose pid and ids the other side should see. */
    Identity identity() {
        return identity;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the peer to take one half. */
    void command(String role, SocketType type, Feature feature, UnixAddress server, UnixAddress client, Path dir)
            throws IOException {
        commands.write(String.join(" ", role, type.name(), feature.name(), Rendezvous.word(server),
                Rendezvous.word(client), dir.toString(), Long.toString(ProcessHandle.current().pid())) + "\n");
        commands.flush();
    }

    /** Waits for {@code READY}: the accepting side is bound. */
    void awaitReady() throws IOException, InterruptedException {
        String line = next();
        if (!line.equals("READY")) {
            throw failure(line);
        }
    }

    /** Waits for the end of the peer's half: returns on {@code PASS}, throws on anything else. */
    void awaitPass() throws IOException, InterruptedException {
        String line = next();
        if (!line.equals("PASS")) {
            throw failure(line);
        }
    }

    private String next() throws InterruptedException {
        String line = lines.poll(CellRun.LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            return "no answer within " + CellRun.LIMIT;
        }
        if (line.equals(EOF)) {
            lines.add(EOF); // every later wait ends too
            return "the peer's output ended" + (process.isAlive() ? "" : " (exit status " + process.exitValue() + ")");
        }
        return line;
    }

    private AssertionError failure(String line) throws IOException {
        String err = Files.exists(log) ? Files.readString(log) : "";
        String tail = err.length() > 4000 ? "..." + err.substring(err.length() - 4000) : err;
        return new AssertionError(name + " (pid " + process.pid() + "): " + line
                + (tail.isBlank() ? "" : "\n--- end of its standard error (" + log + "):\n" + tail));
    }

    /**
     * The peer takes the accepting side; ours, on {@code backend}, connects.
     *
     * @throws Throwable what failed on either side
     */
    void takeAccepting(Backend backend, SocketType type, Feature feature, Path dir) throws Throwable {
        try (Opened opened = new Opened()) {
            UnixAddress server = Rendezvous.serverAddress(feature, dir);
            UnixAddress client = Rendezvous.clientAddress(feature, dir);
            command("accepting", type, feature, server, client, dir);
            awaitReady();
            Side side = new Side(identity(), dir, server);
            CellRun.together(opened,
                    () -> feature.connecting(Rendezvous.connect(backend, type, feature, server, client, opened), side),
                    this::awaitPass);
        }
    }

    /**
     * The peer takes the connecting side; ours, on {@code backend}, accepts.
     *
     * @throws Throwable what failed on either side
     */
    void takeConnecting(Backend backend, SocketType type, Feature feature, Path dir) throws Throwable {
        try (Opened opened = new Opened()) {
            UnixAddress server = Rendezvous.serverAddress(feature, dir);
            UnixAddress client = Rendezvous.clientAddress(feature, dir);
            UnixSocket bound = Rendezvous.bind(backend, type, server, opened);
            command("connecting", type, feature, server, client, dir);
            Side side = new Side(identity(), dir, server);
            CellRun.together(opened, () -> feature.accepting(Rendezvous.accept(bound, feature, client, opened), side),
                    this::awaitPass);
        }
    }

    /** The uid a child peer runs as when the tests run as root: not the test JVM's, so a check of it means something. */
    static final int CHILD_UID = 40001;
    /** The child's gid then, different from its uid so that swapped fields show. */
    static final int CHILD_GID = 40002;
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    /**
     * The command to run under ids of its own when the tests run as root and {@code setpriv} is
     * there; as it is otherwise. The peer keeps {@code CAP_DAC_OVERRIDE}, so that it reaches the
     * test's directories and socket files as the root test JVM reaches its own.
     */
    static List<String> underOtherIds(List<String> command) {
        if (Identity.current().uid() != 0 || !Files.isExecutable(SETPRIV)) {
            return command;
        }
        List<String> full = new java.util.ArrayList<>(List.of(SETPRIV.toString(), "--reuid=" + CHILD_UID,
                "--regid=" + CHILD_GID, "--clear-groups", "--inh-caps=+dac_override", "--ambient-caps=+dac_override"));
        full.addAll(command);
        return full;
    }

    /**
     * The running peer of that name from {@code peers}, started first if there is none. A peer
     * that failed a cell is closed and left out of {@code peers} by the caller, so the next
     * cell starts from a fresh process.
     */
    static ChildPeer reuse(java.util.Map<String, ChildPeer> peers, String name, List<String> command) throws IOException {
        ChildPeer peer = peers.get(name);
        if (peer == null || !peer.isAlive()) {
            peer = start(name, command);
            peers.put(name, peer);
        }
        return peer;
    }

    /** Ends the peer: end of its input, then a kill if it does not stop. */
    @Override
    public void close() throws IOException {
        try {
            commands.close();
        } catch (IOException e) {
            // a peer that is gone already cannot read its end of input; it is stopped below either way
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
