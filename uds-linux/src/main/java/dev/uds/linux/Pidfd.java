package dev.uds.linux;

import dev.uds.PeerProcess;
import dev.uds.internal.Errors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A peer's pidfd ({@code SO_PEERPIDFD}), owned and closed as a socket's descriptor is. */
final class Pidfd implements PeerProcess {
    private final Descriptor descriptor;
    private final Syscalls calls;
    private final int pid;

    private Pidfd(Descriptor descriptor, Syscalls calls, int pid) {
        this.descriptor = descriptor;
        this.calls = calls;
        this.pid = pid;
    }

    /** Owns a pidfd the kernel just gave (close-on-exec, as the kernel makes it); closes it on failure. */
    static Pidfd of(int pidfd, Syscalls calls) throws IOException {
        Descriptor descriptor = new Descriptor(pidfd, calls);
        try {
            return new Pidfd(descriptor, calls, pidOf(pidfd));
        } catch (IOException | RuntimeException e) {
            try {
                descriptor.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The pid a pidfd refers to, from {@code /proc/self/fdinfo} ({@code Pid:}); -1 once reaped. */
    static int pidOf(int pidfd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", Integer.toString(pidfd)))) {
            if (line.startsWith("Pid:")) {
                return Integer.parseInt(line.substring("Pid:".length()).trim());
            }
        }
        throw new IOException("/proc/self/fdinfo/" + pidfd + " has no Pid: line; is it a pidfd?");
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public boolean isAlive() throws IOException {
        int fd = descriptor.begin();
        try {
            int revents = calls.poll(fd, Linux.POLLIN, 0);
            if (revents < 0) {
                throw Errors.exception("poll", "pidfd " + fd + " of pid " + pid, -revents);
            }
            // A pidfd is readable once its process has exited.
            return (revents & Linux.POLLIN) == 0;
        } finally {
            descriptor.end();
        }
    }

    @Override
    public int fd() throws IOException {
        int fd = descriptor.begin();
        descriptor.end();
        return fd;
    }

    @Override
    public boolean isOpen() {
        return !descriptor.isClosed();
    }

    @Override
    public void close() throws IOException {
        descriptor.close();
    }

    @Override
    public String toString() {
        return "pidfd of pid " + pid + (isOpen() ? "" : " (closed)");
    }
}
