package dev.uds.net.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.uds.testsupport.peers.PostgresServer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HikariCP with a pool of 16 pgjdbc connections over uds, used by 200 virtual threads on two
 * carrier threads for 20,000 queries, on each backend that has receive timeouts (HikariCP's
 * checks set one, see {@link PeerBackends}): every query completes with its answer, and JFR records
 * no virtual thread pinned to its carrier in uds code.
 *
 * <p>JFR's {@code jdk.VirtualThreadPinned} is recorded when a virtual thread parks while pinned
 * (in a native frame, or holding a monitor before Java 24). A thread blocked inside a native
 * call without parking holds its carrier without such an event: so {@code ffm}, which parks
 * virtual threads in its own poller, is checked by it, and {@code jnr}, whose reads block in
 * native code, passes it without being shown to free its carrier.
 *
 * <p>Tagged {@value #TAG}: it runs only in the surefire execution of that name (uds-net's pom),
 * whose JVM has {@code -Djdk.virtualThreadScheduler.parallelism=2} and {@code maxPoolSize=2}, so
 * that there are two carriers and no more, as a blocked carrier would show.
 */
@Tag(HikariOnVirtualThreadsTest.TAG)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HikariOnVirtualThreadsTest {
    /** The tag of the surefire execution with two carriers. */
    static final String TAG = "two-carriers";
    private static final int POOL = 16;
    private static final int THREADS = 200;
    private static final int QUERIES_PER_THREAD = 100;

    private static PostgresServer server;

    @BeforeAll
    static void startPostgres() throws Exception {
        assertEquals("2", System.getProperty("jdk.virtualThreadScheduler.parallelism"),
                "this test runs in the surefire execution " + TAG + ", with two carriers");
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.uds.net.peers.PeerBackends#withReceiveTimeouts")
    void twoHundredVirtualThreadsRunTwentyThousandQueriesThroughSixteenConnectionsUnpinned(String backend)
            throws Throwable {
        Path recordingFile = Files.createTempFile("uds-pinned-" + backend + "-", ".jfr");
        AtomicLong answered = new AtomicLong();
        Set<String> carriers = ConcurrentHashMap.newKeySet();
        try (HikariDataSource pool = pool(backend); Recording recording = new Recording()) {
            // Every pinned park, however short (the default threshold is 20 ms), with its stack.
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            awaitFull(pool);
            recording.start();
            ExecutorService threads = virtualThreadPerTask();
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    work.add(threads.submit(() -> {
                        queries(pool, thread, answered, carriers);
                        return null;
                    }));
                }
                for (Future<?> done : work) {
                    done.get(); // rethrows a thread's failure
                }
            } finally {
                threads.shutdown();
            }
            recording.stop();
            assertEquals(POOL, sessionsOverUnixSockets(pool, backend), "the pool's sessions in pg_stat_activity");
            recording.dump(recordingFile);
            assertEquals((long) THREADS * QUERIES_PER_THREAD, answered.get(), "queries answered");
            assertTrue(carriers.size() <= 2, "the virtual threads ran on two carriers at most: " + carriers);
            List<String> pinnedInUds = new ArrayList<>();
            int pinned = 0;
            for (RecordedEvent event : RecordingFile.readAllEvents(recordingFile)) {
                pinned++;
                if (event.getStackTrace() != null && !waitsForAJdkClassInitialization(event)
                        && event.getStackTrace().getFrames().stream()
                        .map(RecordedFrame::getMethod)
                        .anyMatch(method -> isUdsCode(method.getType().getName()))) {
                    pinnedInUds.add(event.toString());
                }
            }
            System.out.println("HikariCP on " + backend + ": " + answered.get() + " queries on " + carriers.size()
                    + " carriers, " + pinned + " pinned parks recorded, " + pinnedInUds.size() + " in uds code");
            assertEquals(List.of(), pinnedInUds, "virtual threads pinned in uds code");
        } finally {
            Files.deleteIfExists(recordingFile);
        }
    }

    /**
     * {@code Executors.newVirtualThreadPerTaskExecutor()}, found at run time: this module's tests
     * compile for Java 17, as they also run there (this class does not: its execution is on the
     * build's JDK).
     */
    private static ExecutorService virtualThreadPerTask() throws Throwable {
        return (ExecutorService) MethodHandles.publicLookup()
                .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
                .invoke();
    }

    /**
     * Whether a class is uds's own code (the API, a backend, the views), not these tests, whose
     * frames are at the bottom of every stack; a pinned park inside pgjdbc or HikariCP (class
     * loading at first use, their monitors) is theirs.
     */
    private static boolean isUdsCode(String className) {
        return className.startsWith("dev.uds.") && !className.startsWith(HikariOnVirtualThreadsTest.class.getPackageName() + ".");
    }

    /**
     * Whether a pinned park is a wait for another thread to finish initializing a class of the
     * JDK (its {@code sun.nio.ch.Poller}, met once by whichever virtual thread first selects): a
     * one-time event of the JVM, not a wait of uds's. A uds class's initialization still counts.
     */
    private static boolean waitsForAJdkClassInitialization(RecordedEvent event) {
        String reason = event.hasField("pinnedReason") ? event.getString("pinnedReason") : null;
        return reason != null && reason.startsWith("Waited for initialization of ") && !reason.contains("dev.uds.");
    }

    /** Waits until the pool has opened its 16 connections, which it does one by one in the background. */
    private static void awaitFull(HikariDataSource pool) throws InterruptedException {
        while (pool.getHikariPoolMXBean().getTotalConnections() < POOL) {
            Thread.sleep(10);
        }
    }

    private static HikariDataSource pool(String backend) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Postgres.url(server, backend));
        config.setUsername(PostgresServer.ROLE);
        config.addDataSourceProperty("ApplicationName", "uds-hikari-" + backend);
        config.setMaximumPoolSize(POOL);
        config.setMinimumIdle(POOL);
        config.setPoolName("uds-" + backend);
        // 200 threads share 16 connections: a thread may wait for one long on a busy machine.
        config.setConnectionTimeout(TimeUnit.MINUTES.toMillis(5));
        return new HikariDataSource(config);
    }

    /** One virtual thread's work: each query takes a connection from the pool and checks its answer. */
    private static void queries(HikariDataSource pool, int thread, AtomicLong answered, Set<String> carriers)
            throws SQLException {
        for (int q = 0; q < QUERIES_PER_THREAD; q++) {
            try (Connection connection = pool.getConnection();
                    PreparedStatement query = connection.prepareStatement("SELECT ?::int * 1000 + ?::int")) {
                query.setInt(1, thread);
                query.setInt(2, q);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    assertEquals(thread * 1000 + q, row.getInt(1));
                }
            }
            answered.incrementAndGet();
            // "VirtualThread[#42]/runnable@ForkJoinPool-1-worker-2": the carrier is after the '@'.
            String self = Thread.currentThread().toString();
            carriers.add(self.substring(self.indexOf('@') + 1));
        }
    }

    /** How many sessions of this pool the server counts, each over a Unix socket (client_port -1). */
    private static int sessionsOverUnixSockets(HikariDataSource pool, String backend) throws SQLException {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE application_name = 'uds-hikari-" + backend + "' AND client_port = -1")) {
            row.next();
            return row.getInt(1);
        }
    }
}
