package dev.uds.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.uds.SocketType;
import dev.uds.bench.report.PairedFloor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * The FFM floor: the least any FFM library can do per call, and the figure {@code ffm}'s selfloop
 * is held to (target {@code floor:TYPE}). {@code send} and {@code recv} are the {@code sendto}
 * and {@code recvfrom} system calls through one critical downcall of {@code syscall(2)} with
 * {@code errno} captured, which a correct library must do at the call (the JVM may change errno
 * between two downcalls, and the kernel reports some errors only once); nothing else: no
 * close-safety, no per-thread scratch, no checks beyond the result's sign. It is the loop of
 * {@code docs/floor} (2026-11-22, "cap") as an {@link Endpoint}, so that {@code bin/uds-bench}
 * measures it beside {@code ffm} and the C loop in every run.
 *
 * <p>Every call has {@code MSG_DONTWAIT}: a critical downcall must not block, and in the selfloop,
 * the only benchmark that uses it, data is always there. A call that would wait fails with
 * EAGAIN instead.
 */
final class FloorEndpoint implements Endpoint {
    /** The library name of the floor in targets and figures: the report's name for it. */
    static final String LIBRARY = PairedFloor.FLOOR_LIBRARY;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.critical(false), Linker.Option.captureCallState("errno"));
    private static final MethodHandle SOCKETPAIR = LINKER.downcallHandle(
            LINKER.defaultLookup().find("socketpair").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.captureCallState("errno"));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final VarHandle ERRNO = Linker.Option.captureStateLayout()
            .varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));
    // asm/unistd.h: x86_64 has its own table, aarch64 the generic one.
    private static final long SYS_SENDTO = AARCH64 ? 206 : 44;
    private static final long SYS_RECVFROM = AARCH64 ? 207 : 45;
    private static final long MSG_DONTWAIT = 0x40;
    private static final long MSG_NOSIGNAL = 0x4000;
    private static final int AF_UNIX = 1;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment capture = arena.allocate(Linker.Option.captureStateLayout());
    private final int fd;
    private final boolean stream;
    /** The last buffer given and its address: the benchmark passes the same two every time. */
    private ByteBuffer buffer;
    private long address;

    private FloorEndpoint(int fd, boolean stream) {
        this.fd = fd;
        this.stream = stream;
    }

    /** A connected pair from {@code socketpair(2)}. */
    static Endpoint[] pair(SocketType type) throws IOException {
        int kind = switch (type) {
            case STREAM -> 1;
            case DGRAM -> 2;
            case SEQPACKET -> 5;
        };
        try (Arena call = Arena.ofConfined()) {
            MemorySegment fds = call.allocate(JAVA_INT, 2);
            MemorySegment errno = call.allocate(Linker.Option.captureStateLayout());
            if ((int) SOCKETPAIR.invokeExact(errno, AF_UNIX, kind, 0, fds) != 0) {
                throw new IOException("socketpair(AF_UNIX, " + type + ") failed: errno " + (int) ERRNO.get(errno, 0L));
            }
            boolean stream = type == SocketType.STREAM;
            return new Endpoint[] {new FloorEndpoint(fds.getAtIndex(JAVA_INT, 0), stream),
                new FloorEndpoint(fds.getAtIndex(JAVA_INT, 1), stream)};
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void send(ByteBuffer src) throws IOException {
        do {
            long sent = call(SYS_SENDTO, src, MSG_DONTWAIT | MSG_NOSIGNAL);
            src.position(src.position() + (int) sent);
        } while (stream && src.hasRemaining());
    }

    @Override
    public int receive(ByteBuffer dst) throws IOException {
        long received = call(SYS_RECVFROM, dst, MSG_DONTWAIT);
        if (received == 0 && stream) {
            return -1;
        }
        dst.position(dst.position() + (int) received);
        return (int) received;
    }

    private long call(long number, ByteBuffer data, long flags) throws IOException {
        if (data != buffer) {
            if (!data.isDirect()) {
                throw new IllegalArgumentException("the floor takes direct buffers only, as the selfloop passes");
            }
            address = MemorySegment.ofBuffer(data).address();
            buffer = data;
        }
        long result;
        try {
            result = (long) SYSCALL.invokeExact(capture, number, (long) fd, address + data.position(),
                    (long) data.remaining(), flags, 0L, 0L);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        if (result < 0) {
            throw new IOException((number == SYS_SENDTO ? "sendto" : "recvfrom") + " on descriptor " + fd
                    + " failed: errno " + (int) ERRNO.get(capture, 0L));
        }
        return result;
    }

    @Override
    public void close() throws IOException {
        try {
            if ((int) CLOSE.invokeExact(fd) != 0) {
                throw new IOException("close of descriptor " + fd + " failed");
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        } finally {
            arena.close();
        }
    }
}
