package dev.uds.backend.jnr;

import dev.uds.OpenFile;
import dev.uds.PassableDescriptor;
import dev.uds.backend.jnr.libc.JnrLibc;
import dev.uds.internal.Errors;
import dev.uds.internal.FileNames;
import dev.uds.linux.Descriptor;
import dev.uds.linux.Linux;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The descriptors of one send, held for the call: sockets and received descriptors stay
 * acquired (so none is closed under the call), and files are opened for it and closed after.
 */
final class JnrPassedDescriptors implements AutoCloseable {

    private final int[] numbers;
    private final List<Descriptor> acquired = new ArrayList<>();
    private final List<Integer> opened = new ArrayList<>();
    private int count;

    private JnrPassedDescriptors(int size) {
        numbers = new int[size];
    }

    /** Acquires or opens each descriptor; on failure, gives back what it took and throws. */
    static JnrPassedDescriptors open(List<PassableDescriptor> descriptors) throws IOException {
        JnrPassedDescriptors passed = new JnrPassedDescriptors(descriptors.size());
        try {
            for (PassableDescriptor d : descriptors) {
                passed.add(d);
            }
            return passed;
        } catch (IOException | RuntimeException e) {
            passed.close();
            throw e;
        }
    }

    private void add(PassableDescriptor d) throws IOException {
        if (d instanceof JnrUnixSocket socket) {
            numbers[count++] = acquire(socket.descriptor());
        } else if (d instanceof JnrReceivedDescriptor received) {
            numbers[count++] = acquire(received.descriptor());
        } else if (d instanceof OpenFile file) {
            int fd = openFile(file);
            opened.add(fd);
            numbers[count++] = fd;
        } else {
            throw new IllegalArgumentException("the jnr backend cannot pass " + d
                    + ": it comes from another backend; pass a socket or descriptor of this backend, or an OpenFile");
        }
    }

    private int acquire(Descriptor descriptor) throws IOException {
        int fd = descriptor.begin();
        acquired.add(descriptor);
        return fd;
    }

    private static int openFile(OpenFile file) throws IOException {
        int flags = Linux.openFlags(file);
        byte[] path = file.path().toString().getBytes(FileNames.ENCODING);
        ByteBuffer name = ByteBuffer.allocateDirect(path.length + 1).put(path).put((byte) 0);
        int fd = JnrLibc.C.open(JnrScratch.address(name), flags, 0666);
        java.lang.ref.Reference.reachabilityFence(name);
        if (fd < 0) {
            throw Errors.exception("open", file.path(), JnrLibc.errno(), "to pass it as a descriptor");
        }
        return fd;
    }

    /** The descriptor numbers, in the order given. */
    int[] numbers() {
        return numbers;
    }

    /** Releases the sockets and closes the files opened for the send. */
    @Override
    public void close() {
        for (Descriptor d : acquired) {
            d.end();
        }
        for (int fd : opened) {
            // A read-only or freshly opened file: close(2) cannot lose data, and releases the
            // descriptor even when it reports an error.
            JnrLibc.C.close(fd);
        }
    }
}
