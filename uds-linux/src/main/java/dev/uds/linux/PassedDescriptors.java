package dev.uds.linux;

import dev.uds.Errno;
import dev.uds.OpenFile;
import dev.uds.PassableDescriptor;
import dev.uds.ReceivedDescriptor;
import dev.uds.UnixSocket;
import dev.uds.internal.Errors;
import dev.uds.internal.FileNames;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;

/**
 * The descriptors of one send ({@code SCM_RIGHTS}), held for the call: sockets and received
 * descriptors of the sending backend stay acquired (so none is closed under the call), and files
 * are opened for it and closed after.
 */
final class PassedDescriptors implements AutoCloseable {
    /** rw-rw-rw- before the umask, as the JDK creates files. */
    private static final int CREATE_MODE = 0666;

    private final Syscalls calls;
    private final int[] numbers;
    /** What each number needs when the send is over: end() of a held descriptor, else close(2). */
    private final Descriptor[] held;
    private int count;

    private PassedDescriptors(Syscalls calls, int size) {
        this.calls = calls;
        this.numbers = new int[size];
        this.held = new Descriptor[size];
    }

    /**
     * Acquires or opens each descriptor; on failure, gives back what it took and throws.
     *
     * @param descriptors what the ancillary data lists
     * @param backend     the sending backend's name, for the message of a foreign descriptor
     * @param calls       its binding
     * @return the descriptors, to close when the send is over
     * @throws IOException if one is closed or a file cannot be opened
     */
    static PassedDescriptors open(List<PassableDescriptor> descriptors, String backend, Syscalls calls)
            throws IOException {
        PassedDescriptors passed = new PassedDescriptors(calls, descriptors.size());
        try {
            for (PassableDescriptor d : descriptors) {
                passed.add(d, backend);
            }
            return passed;
        } catch (IOException | RuntimeException e) {
            passed.close();
            throw e;
        }
    }

    private void add(PassableDescriptor d, String backend) throws IOException {
        Descriptor owner = ownerOf(d, backend);
        if (owner != null) {
            numbers[count] = begin(owner, d);
            held[count++] = owner;
        } else {
            numbers[count++] = openFile((OpenFile) d);
        }
    }

    /** The descriptor object behind a passable one; null for an {@link OpenFile}. */
    private Descriptor ownerOf(PassableDescriptor d, String backend) {
        Descriptor owner = null;
        if (d instanceof InterruptibleSocket socket) {
            owner = socket.descriptor();
        } else if (d instanceof LinuxReceivedDescriptor received) {
            owner = received.descriptor();
        } else if (d instanceof OpenFile) {
            return null;
        }
        if (owner != null && owner.calls() == calls) {
            return owner;
        }
        String origin = d instanceof UnixSocket s ? "the " + s.backend() + " backend"
                : d instanceof ReceivedDescriptor ? "another backend" : d.getClass().getName();
        throw new IllegalArgumentException("the " + backend + " backend cannot pass a descriptor from " + origin
                + ": " + d + "; pass a socket or descriptor of this backend, or an OpenFile");
    }

    private static int begin(Descriptor owner, PassableDescriptor d) throws IOException {
        try {
            return owner.begin();
        } catch (ClosedChannelException e) {
            IOException failure = Errors.exception("sendmsg SCM_RIGHTS", d, Errno.EBADF.number(), "that descriptor is closed");
            failure.initCause(e);
            throw failure;
        }
    }

    /** open(2) with O_CLOEXEC, for this send only. */
    private int openFile(OpenFile file) throws IOException {
        byte[] path = file.path().toString().getBytes(FileNames.ENCODING);
        ByteBuffer name = ByteBuffer.allocateDirect(path.length + 1).put(path).put((byte) 0);
        Scratch scratch = calls.scratch();
        int fd = calls.open(scratch, scratch.addressOf(name.position(0)), Linux.openFlags(file), CREATE_MODE);
        Reference.reachabilityFence(name);
        if (fd < 0) {
            throw Errors.exception("open", file.path(), -fd, "to pass its descriptor");
        }
        return fd;
    }

    /**
     * The descriptor numbers, in the order given.
     *
     * @return the numbers
     */
    int[] numbers() {
        return numbers;
    }

    /** Releases the sockets and closes the files opened for the send. */
    @Override
    public void close() {
        for (int i = 0; i < count; i++) {
            if (held[i] != null) {
                held[i].end();
            } else {
                // A file opened for this send: close(2) cannot lose data, and releases the
                // descriptor even when it reports an error.
                calls.close(numbers[i]);
            }
        }
    }
}
