package dev.uds.backend.ffm;

import java.util.Locale;
import java.util.Set;

/**
 * Whether this backend works here, decided once, when {@link FfmProvider} is first asked. The
 * constants and struct layouts of {@link LibcStructs} are those of Linux on x86_64 and aarch64;
 * anywhere else they would be guesses, so the backend declares itself unavailable rather than
 * risk a wrong one.
 */
final class FfmAvailability {
    private static final Set<String> ARCHITECTURES = Set.of("amd64", "x86_64", "aarch64");

    private static final Class<?>[] CALL_CLASSES = {
        FfmUnixSocket.class, FfmDescriptor.class, FfmConnections.class,
        FfmWait.class, FfmPoller.class, FfmSyscalls.class,
        dev.uds.linux.Descriptor.class, dev.uds.linux.InterruptibleSocket.class, dev.uds.linux.Sockaddr.class,
        dev.uds.linux.SocketOptions.class, dev.uds.linux.ControlMessages.class, dev.uds.linux.Ucred.class,
        dev.uds.linux.Transfer.class, dev.uds.linux.Scratch.class, dev.uds.linux.LinuxReceivedDescriptor.class,
        dev.uds.linux.Messages.class, dev.uds.linux.AddressedDatagrams.class,
        dev.uds.linux.Connections.class, dev.uds.linux.Options.class, dev.uds.linux.EndOfStream.class,
        dev.uds.linux.EndOfStream.Zero.class,
    };

    /** Why the backend cannot run here, or null when it can. */
    static final Throwable CAUSE = check();

    private FfmAvailability() {
    }

    private static Throwable check() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return new UnsupportedOperationException("the ffm backend supports Linux only, not " + os);
        }
        if (!ARCHITECTURES.contains(arch)) {
            return new UnsupportedOperationException("the ffm backend supports x86_64 and aarch64 only, not " + arch);
        }
        try {
            // Links every downcall now, so that a missing symbol shows here and not mid-call.
            Class.forName(Libc.class.getName(), true, FfmAvailability.class.getClassLoader());
            Class.forName(LibcReadiness.class.getName(), true, FfmAvailability.class.getClassLoader());
            FfmScratch.current();
            // Loads and initializes the classes of the calls now, on this one thread. Otherwise
            // the first virtual threads to park would load them together, and a virtual thread
            // that waits for another's class loading or initialization is pinned to its carrier
            // (JFR shows it as jdk.VirtualThreadPinned).
            for (Class<?> type : CALL_CLASSES) {
                Class.forName(type.getName(), true, FfmAvailability.class.getClassLoader());
            }
            return null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return e;
        }
    }
}
