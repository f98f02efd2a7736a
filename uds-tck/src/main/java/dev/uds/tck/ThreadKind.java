package dev.uds.tck;

import java.util.concurrent.ThreadFactory;

/**
 * The two kinds of thread a blocking call may run on. The TCK is compiled for Java 17, where
 * virtual threads do not exist, so they are made through {@code Thread.ofVirtual()} looked up at
 * run time.
 */
public enum ThreadKind {
    /** A platform thread, blocking in the kernel. */
    PLATFORM,
    /** A virtual thread (Java 21+), which a backend may park instead of blocking its carrier. */
    VIRTUAL;

    /**
     * Whether this runtime has this kind of thread.
     *
     * @return false only for {@link #VIRTUAL} before Java 21
     */
    public boolean existsHere() {
        return this == PLATFORM || Runtime.version().feature() >= 21;
    }

    /**
     * The kind of the thread that calls this, so that a part of the TCK that runs a call on a
     * thread of its own keeps the thread kind a binding runs the TCK on.
     *
     * @return the current thread's kind
     */
    public static ThreadKind ofCurrentThread() {
        if (!VIRTUAL.existsHere()) {
            return PLATFORM;
        }
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()) ? VIRTUAL : PLATFORM;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Thread.isVirtual() missing on Java " + Runtime.version(), e);
        }
    }

    /**
     * Starts a daemon thread of this kind, so that a call that never ends cannot keep the test JVM
     * alive.
     *
     * @param name what the thread does
     * @param task what it runs
     * @return the started thread
     */
    public Thread start(String name, Runnable task) {
        Thread thread = factory().newThread(task);
        thread.setName(name);
        if (this == PLATFORM) {
            thread.setDaemon(true);
        }
        thread.start();
        return thread;
    }

    private ThreadFactory factory() {
        if (this == PLATFORM) {
            return Thread::new;
        }
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads are not available on Java " + Runtime.version(), e);
        }
    }
}
