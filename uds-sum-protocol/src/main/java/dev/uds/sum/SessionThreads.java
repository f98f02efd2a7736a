package dev.uds.sum;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads for sessions: virtual threads on Java 21 and later, daemon platform threads before.
 *
 * <p>The module compiles for Java 17, which has no {@code Thread.ofVirtual()}; it is looked up by
 * method handle at run time instead of by a multi-release jar, since one lookup is all it takes.
 */
final class SessionThreads {

    private SessionThreads() {
    }

    static ThreadFactory factory() {
        ThreadFactory virtual = virtualThreadFactory();
        if (virtual != null) {
            return virtual;
        }
        AtomicLong count = new AtomicLong();
        return task -> {
            Thread thread = new Thread(task, "uds-sum-session-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Whether sessions run on virtual threads here. */
    static boolean virtual() {
        return virtualThreadFactory() != null;
    }

    private static ThreadFactory virtualThreadFactory() {
        try {
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            Class<?> virtualBuilderType = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(virtualBuilderType));
            MethodHandle name = lookup.findVirtual(builderType, "name",
                    MethodType.methodType(builderType, String.class, long.class));
            MethodHandle factory = lookup.findVirtual(builderType, "factory", MethodType.methodType(ThreadFactory.class));
            Object builder = name.invoke(ofVirtual.invoke(), "uds-sum-session-", 1L);
            return (ThreadFactory) factory.invoke(builder);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            return null;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot make the virtual thread factory", e);
        }
    }
}
