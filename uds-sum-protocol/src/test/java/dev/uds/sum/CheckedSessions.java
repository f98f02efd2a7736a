package dev.uds.sum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Concurrent clients, each on its own thread running sessions one after another with random
 * numbers, and checking every reply against the sum it expects. A reply that is not that sum is
 * wrong; a session that ends in an exception is lost.
 */
final class CheckedSessions {
    /** At most this many numbers per session, each within ±{@link #BOUND}: the sum stays in 32 bits. */
    private static final int MAX_NUMBERS = 16;
    private static final int BOUND = 1_000_000;
    private static final int EXAMPLES = 5;

    private CheckedSessions() {
    }

    /**
     * What the clients saw.
     *
     * @param sessions  sessions run
     * @param wrong     replies that were not the expected sum
     * @param lost      sessions that ended in an exception
     * @param numbers   numbers sent in all
     * @param failures  the first few wrong or lost sessions, described
     * @param nanos     the wall time of the whole run
     * @param latencies each session's time, connect to reply, in nanoseconds, sorted
     */
    record Outcome(long sessions, long wrong, long lost, long numbers, List<String> failures, long nanos,
                   long[] latencies) {
        double sessionsPerSecond() {
            return sessions * 1e9 / nanos;
        }

        /** The session time at quantile {@code q} (0 to 1), in microseconds. */
        long micros(double q) {
            if (latencies.length == 0) {
                return 0;
            }
            return TimeUnit.NANOSECONDS.toMicros(latencies[(int) Math.min(latencies.length - 1, q * latencies.length)]);
        }
    }

    /** {@code clients} clients run {@code sessionsEach} sessions each. */
    static Outcome run(SumClient client, int clients, int sessionsEach, long seed) throws InterruptedException {
        return run(client, clients, sessionsEach, seed, () -> false);
    }

    /** {@code clients} clients run sessions until {@code stop} says so. */
    static Outcome runUntil(SumClient client, int clients, long seed, BooleanSupplier stop) throws InterruptedException {
        return run(client, clients, Integer.MAX_VALUE, seed, stop);
    }

    private static Outcome run(SumClient client, int clients, int sessionsEach, long seed, BooleanSupplier stop)
            throws InterruptedException {
        AtomicLong wrong = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        AtomicLong numbers = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<long[]> times = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        SplittableRandom root = new SplittableRandom(seed);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            SplittableRandom random = root.split();
            int id = c;
            threads.add(new Thread(() -> {
                long[] mine = new long[Math.min(sessionsEach, 1024)];
                int done = 0;
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int s = 0; s < sessionsEach && !stop.getAsBoolean(); s++) {
                    List<String> arguments = new ArrayList<>();
                    long expected = 0;
                    int count = random.nextInt(MAX_NUMBERS + 1);
                    for (int i = 0; i < count; i++) {
                        int value = random.nextInt(-BOUND, BOUND + 1);
                        expected += value;
                        arguments.add(Integer.toString(value));
                    }
                    numbers.addAndGet(count);
                    long start = System.nanoTime();
                    try {
                        SumReply reply = client.send(arguments);
                        if (!reply.isSum() || reply.sum() != expected) {
                            wrong.incrementAndGet();
                            example(failures, "client " + id + " session " + s + ": " + arguments + " expected "
                                    + expected + ", got " + reply.text());
                        }
                    } catch (Exception e) {
                        lost.incrementAndGet();
                        example(failures, "client " + id + " session " + s + ": " + e);
                    }
                    if (done == mine.length) {
                        mine = Arrays.copyOf(mine, mine.length * 2);
                    }
                    mine[done++] = System.nanoTime() - start;
                }
                times.add(Arrays.copyOf(mine, done));
            }, "checked-client-" + c));
        }
        threads.forEach(Thread::start);
        long start = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long nanos = System.nanoTime() - start;
        long[] all = times.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Outcome(all.length, wrong.get(), lost.get(), numbers.get(), List.copyOf(failures), nanos, all);
    }

    private static void example(List<String> failures, String failure) {
        synchronized (failures) {
            if (failures.size() < EXAMPLES) {
                failures.add(failure);
            }
        }
    }
}
