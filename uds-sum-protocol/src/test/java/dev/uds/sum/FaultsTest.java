package dev.uds.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.SocketType;
import dev.uds.sum.cli.SumCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Processes that die without a word: clients killed mid-session while others are served, and the
 * server itself killed with SIGKILL, on each backend. The server is a process of its own.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class FaultsTest {
    private static final int KILLED = Integer.getInteger("uds.reliability.faults.killed", 100);
    /** Killed clients alive at once: the machine has two cores, and a flooding client spins. */
    private static final int BATCH = 25;
    /** Where a killed client's session stops: see src/test/python/sum_victim.py. */
    private static final List<String> MODES = List.of("silent", "numbers", "flood", "unread");
    private static final Figures KILLED_CLIENTS = new Figures("faults-clients",
            "Faults: clients killed with SIGKILL mid-session while others are served",
            "backend", "type", "clients killed (by where they stopped)", "sessions of the others", "wrong", "lost",
            "server after", "server descriptors before → after");
    private static final Figures KILLED_SERVER = new Figures("faults-server",
            "Faults: the server killed with SIGKILL",
            "backend", "type", "client", "what it got");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void clientsKilledMidSessionLeaveTheServerServingAndLeakNothing(Transport transport) throws Exception {
        transport.assumePresent();
        Path python = ExternalProgram.python();
        ExecutorService others = Executors.newSingleThreadExecutor();
        try (ServerProcess server = ServerProcess.start(transport, dir, "--max-clients", "256")) {
            TreeMap<Integer, String> before = server.warmUp();
            AtomicBoolean killing = new AtomicBoolean(true);
            Future<CheckedSessions.Outcome> served = others.submit(
                    () -> CheckedSessions.runUntil(server.client(), 4, System.nanoTime(), () -> !killing.get()));
            Map<String, Integer> killedByMode = new LinkedHashMap<>();
            try {
                for (int started = 0; started < KILLED; started += BATCH) {
                    List<Process> victims = new ArrayList<>();
                    List<String> modes = new ArrayList<>();
                    try {
                        for (int i = started; i < Math.min(KILLED, started + BATCH); i++) {
                            String mode = MODES.get(i % MODES.size());
                            victims.add(startVictim(python, transport, server.socket(), mode));
                            modes.add(mode);
                        }
                        for (Process victim : victims) {
                            awaitReady(victim);
                        }
                    } finally {
                        for (Process victim : victims) {
                            victim.destroyForcibly(); // SIGKILL
                            victim.getInputStream().close();
                            victim.getOutputStream().close();
                        }
                    }
                    for (int i = 0; i < victims.size(); i++) {
                        assertTrue(victims.get(i).waitFor(30, TimeUnit.SECONDS));
                        assertEquals(128 + 9, victims.get(i).exitValue(), "killed by SIGKILL, not ended by itself");
                        killedByMode.merge(modes.get(i), 1, Integer::sum);
                    }
                }
            } finally {
                killing.set(false);
            }
            CheckedSessions.Outcome outcome = served.get(5, TimeUnit.MINUTES);
            boolean alive = server.isAlive();
            boolean servesOn = alive && server.client().send(List.of("3", "4")).sum() == 7;
            TreeMap<Integer, String> after = server.awaitDescriptors(before);

            KILLED_CLIENTS.row(transport.backend(), transport.type(),
                    killedByMode.values().stream().mapToInt(Integer::intValue).sum() + " " + killedByMode,
                    outcome.sessions(), outcome.wrong(), outcome.lost(), servesOn ? "serving" : "NOT serving",
                    before.size() + " → " + after.size());
            KILLED_CLIENTS.note("Each killed client is a Python process (src/test/python/sum_victim.py) that "
                    + "connects and stops at one point of its session: *silent* (nothing sent), *numbers* (numbers, "
                    + "no `END`), *flood* (sending numbers without pause), *unread* (`END` sent, reply never read); "
                    + "once it says it is there, it gets SIGKILL (" + BATCH + " alive at a time). Meanwhile 4 "
                    + "clients in the test's JVM run checked sessions without pause. The server's descriptors "
                    + "are counted after a warm-up and after the kills.");

            assertTrue(alive, "the server died: " + server.log());
            assertTrue(servesOn, "the server serves a new client after the kills");
            assertEquals(List.of(), outcome.failures(), "the clients that were not killed");
            assertTrue(outcome.sessions() > 0, "the other clients ran sessions meanwhile");
            assertEquals(before.size(), after.size(), ServerProcess.difference(before, after));
        } finally {
            others.shutdownNow();
        }
    }

    private static Process startVictim(Path python, Transport transport, Path socket, String mode) throws IOException {
        List<String> command = new ArrayList<>(List.of(python.toString(), ExternalProgram.pythonScript("sum_victim.py").toString()));
        if (transport.type() == SocketType.STREAM) {
            command.add("--stream");
        }
        command.addAll(List.of(socket.toString(), mode));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void awaitReady(Process victim) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.US_ASCII));
        assertEquals("ready", lines.readLine(), "the victim reached its point of the session");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.uds.sum.Transport#eachBackend")
    void serverKilledGivesClientsAClearErrorAndTheNextStartRemovesTheStaleFileAndServes(Transport transport)
            throws Exception {
        Path socket;
        Killed killed;
        try (ServerProcess server = ServerProcess.start(transport, dir)) {
            socket = server.socket();
            killed = killWhileClientsWait(server);
        }
        Map<String, String> got = killed.clients();
        // The killed server left its socket file: a client is told no server is there.
        assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "SIGKILL leaves the socket file");
        ExternalProgram.Outcome after = ExternalProgram.finish(startCliClient(transport, socket, "1"),
                List.of("uds-sum client"));

        try (ServerProcess next = ServerProcess.start(transport, dir)) {
            int sum = next.client().send(List.of("3", "4")).sum();
            boolean removedStale = next.log().contains("removing the stale socket file");
            next.signal("TERM");
            int exit = next.awaitExit();
            String path = socket.toString();
            got.forEach((client, outcome) -> KILLED_SERVER.row(transport.backend(), transport.type(), client,
                    outcome.replace(path, "PATH")));
            KILLED_SERVER.row(transport.backend(), transport.type(), "every client above",
                    "answered " + killed.answeredMillis() + " ms after the kill");
            KILLED_SERVER.row(transport.backend(), transport.type(), "`uds-sum client 1` after the kill, at the stale file",
                    "exit " + after.exit() + ": " + after.stderr().strip());
            KILLED_SERVER.row(transport.backend(), transport.type(), "the next server at the same path",
                    (removedStale ? "removed the stale file" : "DID NOT remove the stale file")
                            + ", served 3 + 4 = " + sum + "; SIGTERM: exit " + exit);
            KILLED_SERVER.note("The server is frozen (SIGSTOP) while clients connect and send, so that they "
                    + "wait for a reply in its listen backlog (counted with `ss -xl`), then killed (SIGKILL). The "
                    + "time runs from the kill to the last client's answer, the `uds-sum client` process's exit "
                    + "included. Then `uds-sum client 1` runs against the stale socket file, and a new server "
                    + "starts at the same path. PATH is the socket's path.");
            for (Map.Entry<String, String> client : got.entrySet()) {
                assertTrue(client.getValue().startsWith("error:") || client.getValue().startsWith("exit 4:"),
                        client.getKey() + " gets an error, not a sum: " + client.getValue());
            }
            assertTrue(got.get(CLI_CLIENT).contains("without a reply"), got.get(CLI_CLIENT));
            assertEquals(1, after.exit(), after.stderr());
            assertEquals("The server is down.\n", after.stderr());
            assertEquals(7, sum);
            assertTrue(removedStale, next.log());
            assertEquals(0, exit, next.log());
            assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
        }
    }

    private static final String CLI_CLIENT = "uds-sum client (a process) in the backlog";

    /** What each client got when the server was killed, and how long after the kill the last one had it. */
    private record Killed(Map<String, String> clients, long answeredMillis) {
    }

    /**
     * Kills the server with SIGKILL while clients wait for its reply: one it has accepted, and
     * some that connected and sent everything while it was frozen (SIGSTOP), so that they wait
     * in its listen backlog. Returns what each got, once every one has its answer; a client that
     * hangs fails the test.
     */
    private Killed killWhileClientsWait(ServerProcess server) throws Exception {
        Map<String, Future<String>> clients = new LinkedHashMap<>();
        Map<String, String> got = new LinkedHashMap<>();
        Process cli = null;
        long killedAt;
        ExecutorService waiting = Executors.newCachedThreadPool();
        try (RawConnection midSession = server.connect()) {
            midSession.send("1", "2");
            clients.put("accepted, mid-session, waiting for its reply", waiting.submit(() -> outcome(midSession::replyText)));
            server.signal("STOP");
            // kill(2) returns before every thread has stopped: an acceptor still running could
            // serve the next session, which has all arrived, before it stops.
            awaitStopped(server.pid());
            try (RawConnection queued = server.connect()) {
                queued.send("3", "4", "END");
                clients.put("in the backlog, END sent, waiting for its reply", waiting.submit(() -> outcome(queued::replyText)));
                // The mid-session connection too, when the server was frozen before it accepted it.
                int waitingBefore = server.backlog();
                cli = startCliClient(server.transport(), server.socket(), "7", "8");
                server.awaitBacklog(waitingBefore + 1); // and the uds-sum client
                server.signal("KILL");
                killedAt = System.nanoTime();
                assertEquals(128 + 9, server.awaitExit());
                for (Map.Entry<String, Future<String>> client : clients.entrySet()) {
                    got.put(client.getKey(), client.getValue().get(30, TimeUnit.SECONDS)); // a hang fails here
                }
            }
            ExternalProgram.Outcome outcome = ExternalProgram.finish(cli, List.of("uds-sum client"));
            got.put(CLI_CLIENT, "exit " + outcome.exit() + ": " + outcome.stderr().strip());
            return new Killed(got, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
        } finally {
            waiting.shutdownNow();
            if (cli != null) {
                cli.destroyForcibly();
            }
        }
    }

    /** Waits until every thread of the process is stopped (state T in proc(5)'s stat). */
    private static void awaitStopped(long pid) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<String> running = new ArrayList<>();
            try (var tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        char state = stat.charAt(stat.lastIndexOf(')') + 2);
                        if (state != 'T' && state != 't') {
                            running.add(task.getFileName() + " " + state);
                        }
                    } catch (java.nio.file.NoSuchFileException e) {
                        // a thread that ended meanwhile
                    }
                }
            }
            if (running.isEmpty()) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "threads of " + pid + " not stopped after SIGSTOP: " + running);
            Thread.sleep(5);
        }
    }

    /** What a client got: its reply, or its error; the test fails on neither. */
    private static String outcome(java.util.concurrent.Callable<String> client) {
        try {
            String reply = client.call();
            return reply.isEmpty() ? "error: end of stream, no reply" : "reply " + reply;
        } catch (IOException e) {
            return "error: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Process startCliClient(Transport transport, Path socket, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.java(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SumCli.class.getName(), "client",
                "--socket", socket.toString(), "--backend", transport.backend(),
                "--type", transport.type().name().toLowerCase()));
        command.addAll(Arrays.asList(arguments));
        return new ProcessBuilder(command).start();
    }

}
