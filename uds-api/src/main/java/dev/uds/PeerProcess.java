package dev.uds;

import java.io.Closeable;
import java.io.IOException;

/**
 * The process at the other end of a connection ({@code SO_PEERPIDFD}, Linux 6.5+), or the one
 * that sent a message ({@code SCM_PIDFD}), held by a pidfd: unlike a pid, which the kernel gives
 * to another process once this one has exited and been reaped, a pidfd refers to this process and
 * no other for as long as it is open. It is an owned descriptor, close-on-exec: close it when done
 * (one from a message is closed with the message).
 *
 * @see UnixSocket#peerProcess()
 * @see ReceivedMessage#senderProcess()
 * @see "unix(7): SO_PEERPIDFD, SO_PASSPIDFD; pidfd_open(2)"
 */
public interface PeerProcess extends Closeable {

    /**
     * The process's id in this process's pid namespace, as it was when the pidfd was taken. After
     * the process has exited the number may belong to another process: {@link #isAlive()} tells.
     * -1 for a process that had already exited and been reaped when the pidfd was taken (a
     * message's sender can be).
     *
     * @return the pid, or -1
     */
    int pid();

    /**
     * Whether the process is still running: a pidfd becomes readable when its process exits
     * ({@code poll(2)}, without waiting), whether or not its parent has reaped it yet.
     *
     * @return false once the process has exited
     * @throws java.nio.channels.ClosedChannelException if this object is closed
     * @throws IOException if the check fails
     */
    boolean isAlive() throws IOException;

    /**
     * The pidfd's number in this process, for native code ({@code pidfd_send_signal(2)},
     * {@code waitid(P_PIDFD)}); it stays owned by this object.
     *
     * @return the number
     * @throws java.nio.channels.ClosedChannelException if this object is closed
     */
    int fd() throws IOException;

    /**
     * Whether the pidfd is still open.
     *
     * @return true until {@link #close()}
     */
    boolean isOpen();

    /**
     * Closes the pidfd. Idempotent.
     *
     * @throws IOException if {@code close(2)} fails
     */
    @Override
    void close() throws IOException;
}
