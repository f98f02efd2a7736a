package dev.uds.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves file descriptors open: compares {@code /proc/self/fd} before
 * the class's first test and after its last, and names each leaked descriptor and its target.
 *
 * <p>Registered for every test class of every module by JUnit's extension autodetection
 * ({@code junit.jupiter.extensions.autodetection.enabled}, set in the parent pom's surefire
 * configuration, and this jar's {@code META-INF/services}). Descriptors a class opens are
 * allowed to close a little after it ends, as a child process's pipes close when the JDK's reaper
 * sees the child exit: a leak is what is still open after {@link #GRACE_MILLIS}. The descriptors
 * a JVM opens once and keeps ({@link ProcessLifetimeDescriptor}) are counted but not leaks.
 *
 * <p>Each class's figures go to {@code target/reliability/descriptors.md} of the module
 * ({@link DescriptorSummary}).
 */
public final class DescriptorLeakExtension implements BeforeAllCallback, AfterAllCallback {
    /** How long descriptors opened by a class may take to close after it, in milliseconds. */
    static final long GRACE_MILLIS = 5_000;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DescriptorLeakExtension.class);

    static {
        // The JDK's first NIO channel makes a socket pair, closes one end and keeps the other for
        // the process (sun.nio.ch.UnixDispatcher's pre-close descriptor, which a close dup2s over a
        // channel's number). Made here, before any class is measured, it is open before each.
        try {
            SocketChannel.open(StandardProtocolFamily.UNIX).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a first NIO channel", e);
        }
    }

    /** Created by JUnit's autodetection. */
    public DescriptorLeakExtension() {
    }

    /** A class's name; a nested class's after its enclosing instance's, as the TCK's run once per backend. */
    private static String name(ExtensionContext context) {
        Optional<ExtensionContext> parent = context.getParent().filter(p -> p.getTestClass().isPresent());
        return parent.map(p -> name(p) + " > " + context.getRequiredTestClass().getSimpleName())
                .orElseGet(() -> context.getRequiredTestClass().getName());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(context.getUniqueId(), DescriptorSnapshot.now());
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        DescriptorSnapshot before = context.getStore(NAMESPACE).remove(context.getUniqueId(), DescriptorSnapshot.class);
        if (before == null) {
            return; // beforeAll did not run: the class did not start
        }
        long deadline = System.nanoTime() + GRACE_MILLIS * 1_000_000;
        DescriptorSnapshot after;
        List<String> leaked;
        List<String> kept;
        while (true) {
            after = DescriptorSnapshot.now();
            leaked = new ArrayList<>();
            kept = new ArrayList<>();
            for (String opened : after.openedSince(before)) {
                (ProcessLifetimeDescriptor.of(DescriptorSnapshot.targetOf(opened)).isPresent() ? kept : leaked).add(opened);
            }
            if (leaked.isEmpty() || System.nanoTime() - deadline > 0) {
                break;
            }
            Thread.sleep(50);
        }
        String testClass = name(context);
        DescriptorSummary.record(testClass, before.count(), after.count(), kept, leaked);
        if (!leaked.isEmpty()) {
            throw new AssertionError(testClass + " leaked " + leaked.size() + " file descriptor(s), still open "
                    + GRACE_MILLIS + " ms after its last test: " + leaked + " (open before the class: "
                    + before.count() + ", after: " + after.count() + ")");
        }
    }
}
