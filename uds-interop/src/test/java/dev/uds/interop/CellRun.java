package dev.uds.interop;

import dev.uds.SocketType;
import dev.uds.tck.OpenDescriptors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * One cell of the matrix: its test, and its outcome in the table. A cell whose backend does not
 * declare what the conversation needs is recorded as not supported, with the reason, and gets no
 * test: there is nothing to converse, and that such a backend refuses the undeclared type or
 * capability is the TCK's to show, for every backend ({@code UndeclaredTck}). Every other cell
 * is a test that passes or fails; it gets a private directory and must leave no socket open.
 */
final class CellRun {
    /** The longest a cell may take; far above what any takes, so only a hang reaches it. */
    static final Duration LIMIT = Duration.ofSeconds(30);

    /** A cell's work, given its directory. */
    interface Body {
        void run(Path dir) throws Throwable;
    }

    /** A half of a conversation run on a thread of its own. */
    interface Half {
        void run() throws Exception;
    }

    private CellRun() {
    }

    /**
     * The cell's test named {@code name}, or none for a cell that is not supported, which is
     * recorded as such at once.
     */
    static Stream<DynamicTest> test(String name, String where, String accepting, String connecting, SocketType type,
                                    Feature feature, List<String> undeclared, Body body) {
        if (!undeclared.isEmpty()) {
            Cells.record(where, accepting, connecting, type, feature, Cells.Outcome.NOT_SUPPORTED,
                    String.join("; ", undeclared));
            return Stream.empty();
        }
        return Stream.of(DynamicTest.dynamicTest(name, () -> run(where, accepting, connecting, type, feature, body)));
    }

    private static void run(String where, String accepting, String connecting, SocketType type, Feature feature,
                            Body body) throws Throwable {
        List<String> before = OpenDescriptors.list();
        // Under /tmp: a deep build directory would exceed sun_path.
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "uds-interop");
        try {
            body.run(dir);
            OpenDescriptors.assertNoneLeaked(before, feature.title() + " " + type + " " + accepting + " with " + connecting);
            Cells.record(where, accepting, connecting, type, feature, Cells.Outcome.PASS, "");
        } catch (Throwable t) {
            Cells.record(where, accepting, connecting, type, feature, Cells.Outcome.FAIL, String.valueOf(t));
            throw t;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Runs two halves at once. When one fails, or time runs out, everything in {@code opened} is
     * closed so that the other's blocked call ends; the first failure is thrown.
     */
    static void together(Opened opened, Half first, Half second) throws Throwable {
        FutureTask<Void> a = task(first);
        FutureTask<Void> b = task(second);
        Thread ta = new Thread(a, "interop-accepting");
        Thread tb = new Thread(b, "interop-connecting");
        ta.start();
        tb.start();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        Throwable failure = null;
        for (FutureTask<Void> t : List.of(a, b)) {
            try {
                t.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                failure = first(failure, e.getCause());
                opened.close();
            } catch (TimeoutException e) {
                failure = first(failure, new TimeoutException("the conversation took longer than " + LIMIT));
                opened.close();
            }
        }
        ta.join(LIMIT.toMillis());
        tb.join(LIMIT.toMillis());
        opened.close();
        if (failure != null) {
            throw failure;
        }
    }

    private static Throwable first(Throwable failure, Throwable next) {
        if (failure == null) {
            return next;
        }
        failure.addSuppressed(next);
        return failure;
    }

    private static FutureTask<Void> task(Half half) {
        return new FutureTask<>(() -> {
            half.run();
            return null;
        });
    }
}
