package dev.uds.backend.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The libc functions that wait for or set up readiness, as downcall handles made by
 * {@link Libc#handle}, on {@link Libc}'s terms (the raw call, errno in the capture segment):
 * {@code poll(2)}, {@code fcntl(2)} for {@code O_NONBLOCK}, and the poller's {@code epoll(7)} and
 * {@code eventfd(2)}. None is critical: each can block.
 */
final class LibcReadiness {
    private LibcReadiness() {
    }

    private static final MethodHandle POLL = Libc.handle("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    // fcntl(2) is variadic too: F_GETFL takes no third argument, F_SETFL an int, passed as variadic.
    private static final MethodHandle FCNTL = Libc.handle("fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle EPOLL_CREATE1 = Libc.handle("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CTL = Libc.handle("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle EPOLL_WAIT = Libc.handle("epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle EVENTFD = Libc.handle("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    static int poll(MemorySegment capture, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(capture, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw Libc.linkageBug(t);
        }
    }

    static int fcntl(MemorySegment capture, int fd, int command, int argument) {
        try {
            return (int) FCNTL.invokeExact(capture, fd, command, argument);
        } catch (Throwable t) {
            throw Libc.linkageBug(t);
        }
    }

    static int epollCreate1(MemorySegment capture, int flags) {
        try {
            return (int) EPOLL_CREATE1.invokeExact(capture, flags);
        } catch (Throwable t) {
            throw Libc.linkageBug(t);
        }
    }

    static int epollCtl(MemorySegment capture, int epfd, int op, int fd, MemorySegment event) {
        try {
            return (int) EPOLL_CTL.invokeExact(capture, epfd, op, fd, event);
        } catch (Throwable t) {
            throw Libc.linkageBug(t);
        }
    }

    static int epollWait(MemorySegment capture, int epfd, MemorySegment events, int maxEvents, int timeoutMillis) {
        try {
            return (int) EPOLL_WAIT.invokeExact(capture, epfd, events, maxEvents, timeoutMillis);
        } catch (Throwable t) {
            throw Libc.linkageBug(t);
        }
    }

    static int eventfd(MemorySegment capture, int initial, int flags) {
        try {
            return (int) EVENTFD.invokeExact(capture, initial, flags);
        } catch (Throwable t) {
            throw Libc.linkageBug(t);
        }
    }
}
