package dev.uds.linux;

import dev.uds.Capability;
import dev.uds.ReceivedDescriptor;
import dev.uds.SocketPair;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import dev.uds.UnsupportedFeatureException;
import dev.uds.internal.Errors;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * What a native backend gives the core's socket ({@link LinuxSocket}): its name, the capabilities
 * it declares, its binding of the system calls, each thread's scratch memory, and how it makes a
 * socket of a descriptor it now owns. Each backend has one, a static final singleton, so that a
 * JVM has one binding and one scratch at every call site of the core.
 */
public final class LinuxBackend {
    /**
     * What the core's socket implements over any binding of {@link Syscalls}, each passing the TCK
     * on {@code ffm} and {@code jnr}. A backend declares these, or fewer where its binding lacks a
     * call, through {@link #capabilities(Set)}.
     */
    public static final Set<Capability> CALLS = Collections.unmodifiableSet(EnumSet.of(Capability.ABSTRACT_NAMESPACE,
            Capability.AUTOBIND, Capability.SOCKETPAIR, Capability.PEER_CREDENTIALS, Capability.PEER_PID,
            Capability.DESCRIPTOR_PASSING, Capability.CREDENTIAL_PASSING, Capability.PEEK,
            Capability.BYTES_AVAILABLE, Capability.ADOPT_DESCRIPTOR, Capability.PEER_PIDFD,
            Capability.PEER_SECURITY_LABEL, Capability.ADDRESSED_DATAGRAMS, Capability.BATCHES));

    final String name;
    final Set<Capability> capabilities;
    final Syscalls calls;
    final ThreadLocal<? extends Scratch> scratch;
    final DirectMemory memory;
    final LinuxReceivedDescriptor.Adopter sockets;
    /** Made once: a receive hands it on at each call, and allocates nothing for it. */
    final IntFunction<ReceivedDescriptor> received;

    /**
     * A backend.
     *
     * @param name         its name, as its provider's
     * @param capabilities what it declares, from {@link #capabilities(Set)}
     * @param calls        its binding
     * @param scratch      each thread's scratch memory
     * @param memory       its access to direct buffers (a batch's vectors)
     * @param sockets      makes its socket of a descriptor it now owns (accepted, received, adopted)
     */
    public LinuxBackend(String name, Set<Capability> capabilities, Syscalls calls,
            ThreadLocal<? extends Scratch> scratch, DirectMemory memory, LinuxReceivedDescriptor.Adopter sockets) {
        this.name = name;
        this.capabilities = capabilities;
        this.calls = calls;
        this.scratch = scratch;
        this.memory = memory;
        this.sockets = sockets;
        this.received = fd -> new LinuxReceivedDescriptor(fd, calls, sockets);
    }

    /**
     * What a backend declares: the capabilities its calls implement, those of the core's option
     * table ({@link SocketOptions#withOptions}), less those this kernel lacks
     * ({@link PeerIdentity#onThisKernel}). Computed without loading the binding, so that a provider
     * answers even where its calls cannot be made.
     *
     * @param calls what its calls implement, {@link #CALLS} or fewer
     * @return an unmodifiable set
     */
    public static Set<Capability> capabilities(Set<Capability> calls) {
        return SocketOptions.withOptions(calls);
    }

    /**
     * Refuses, before any system call, a capability this backend does not declare.
     *
     * @param capability the capability a call needs
     * @throws UnsupportedFeatureException if it is not declared
     */
    public void require(Capability capability) {
        if (!capabilities.contains(capability)) {
            throw UnsupportedFeatureException.of(name, capability);
        }
    }

    /**
     * Refuses an address of a kind whose capability is undeclared.
     *
     * @param address    the address
     * @param forUnnamed what the unnamed address needs (autobind), or null for nothing
     */
    void requireFor(UnixAddress address, Capability forUnnamed) {
        if (address instanceof UnixAddress.Abstract) {
            require(Capability.ABSTRACT_NAMESPACE);
        } else if (address instanceof UnixAddress.Unnamed && forUnnamed != null) {
            require(forUnnamed);
        }
    }

    /**
     * A new socket of this backend, close-on-exec ({@code socket(2)}).
     *
     * @param type the type
     * @return the socket, unnamed until it binds or connects
     * @throws IOException if the kernel refused, with the errno (EMFILE when out of descriptors)
     */
    public UnixSocket open(SocketType type) throws IOException {
        int fd = calls.socket(Linux.socketType(type) | Linux.SOCK_CLOEXEC);
        if (fd < 0) {
            throw Errors.exception("socket AF_UNIX " + type, null, -fd);
        }
        return sockets.adopt(fd, type, UnixAddress.unnamed());
    }

    /**
     * Two connected sockets of this backend, close-on-exec ({@code socketpair(2)}).
     *
     * @param type the type
     * @return the pair
     * @throws IOException if the kernel refused, with the errno
     */
    public SocketPair pair(SocketType type) throws IOException {
        require(Capability.SOCKETPAIR);
        Scratch own = scratch.get();
        long fds = own.structsAddress + Scratch.VALUE;
        int result = calls.socketpair(own, Linux.socketType(type) | Linux.SOCK_CLOEXEC, fds);
        if (result < 0) {
            throw Errors.exception("socketpair AF_UNIX " + type, null, -result);
        }
        int first = own.structs.getInt(Scratch.VALUE);
        int second = own.structs.getInt(Scratch.VALUE + Integer.BYTES);
        return new SocketPair(sockets.adopt(first, type, "(socketpair)"), sockets.adopt(second, type, "(socketpair)"));
    }

    /**
     * {@code UnixDomain.adopt}: the number checked and made close-on-exec and blocking
     * ({@link Adoption#take}), then owned by this backend's socket.
     *
     * @param fd        the inherited descriptor
     * @param type      the type asked for, or null for any
     * @param listening whether it must be listening
     * @return the socket
     * @throws IOException if the number is not such a socket (it is left open and untouched)
     */
    public UnixSocket adopt(int fd, SocketType type, boolean listening) throws IOException {
        return sockets.adopt(fd, Adoption.take(fd, type, listening, calls), "inherited fd " + fd);
    }
}
