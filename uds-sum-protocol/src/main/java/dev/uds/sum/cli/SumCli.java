package dev.uds.sum.cli;

import dev.uds.AddressTooLongException;
import dev.uds.ConnectionRefusedException;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import dev.uds.sum.ServerAlreadyRunningException;
import dev.uds.sum.SumClient;
import dev.uds.sum.SumReply;
import dev.uds.sum.SumServer;
import dev.uds.sum.SumServerConfig;
import dev.uds.systemd.ListenDescriptor;
import dev.uds.systemd.ServiceNotifier;
import dev.uds.systemd.SocketActivation;
import dev.uds.systemd.SystemdEnvironmentException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code uds-sum} command: {@code server} runs a {@link SumServer} until {@code DOWN},
 * SIGINT or SIGTERM; {@code client} runs one {@link SumClient} session and prints
 * {@code Result = N}. Nothing but that line goes to standard output; logs go to standard error.
 *
 * <p>Started by systemd, with no option for it, the server serves the socket it was passed
 * ({@code LISTEN_FDS}) instead of binding its own, and leaves that socket's file to whoever made
 * it; with {@code NOTIFY_SOCKET} set, it reports {@code READY=1} once it serves and
 * {@code STOPPING=1} when it begins to stop.
 */
public final class SumCli {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean ownsProcess;

    /**
     * A command that writes to the given streams.
     *
     * @param out         where the client's result goes
     * @param err         where errors go
     * @param ownsProcess whether this command is the process, so that SIGINT and SIGTERM stop
     *                    its server and exit with 0
     */
    SumCli(PrintStream out, PrintStream err, boolean ownsProcess) {
        this.out = out;
        this.err = err;
        this.ownsProcess = ownsProcess;
    }

    /**
     * Runs {@code uds-sum} and exits with its code.
     *
     * @param args {@code server [options]} or {@code client [options] ARGS...}
     */
    public static void main(String[] args) {
        int status = new SumCli(System.out, System.err, true).run(args);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs a command line.
     *
     * @param args the arguments
     * @return the exit status
     */
    int run(String... args) {
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("uds-sum: " + e.getMessage());
            err.print(CommandLine.usage());
            return ExitCode.USAGE.status();
        } catch (IllegalArgumentException e) {
            err.println("uds-sum: " + e.getMessage());
            return ExitCode.USAGE.status();
        }
        switch (line.command()) {
            case "server":
                return server(line.server()).status();
            case "client":
                return client(line).status();
            default:
                out.print(CommandLine.usage());
                return ExitCode.OK.status();
        }
    }

    private ExitCode server(SumServerConfig config) {
        AtomicReference<SumServer> running = new AtomicReference<>();
        CountDownLatch startAttempted = new CountDownLatch(1);
        CountDownLatch stoppingReported = new CountDownLatch(1);
        AtomicBoolean returning = new AtomicBoolean();
        if (ownsProcess) {
            // Registered before the socket file exists, so that a signal at any moment removes it.
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> stopOnSignal(running, startAttempted, stoppingReported, returning), "uds-sum-signal"));
        }
        SumServer server;
        Optional<ServiceNotifier> notifier;
        try {
            notifier = ServiceNotifier.fromEnvironment();
            SocketActivation activation = SocketActivation.fromEnvironment();
            server = activation.isActive() ? serveInherited(activation, config) : SumServer.start(config);
            running.set(server);
        } catch (ServerAlreadyRunningException | AddressTooLongException | InheritedSocketException e) {
            err.println("uds-sum server: " + e.getMessage());
            return ExitCode.FAILURE;
        } catch (SystemdEnvironmentException e) {
            err.println("uds-sum server: started by a service manager, but: " + e.getMessage());
            return ExitCode.FAILURE;
        } catch (UnsupportedOperationException e) {
            err.println("uds-sum server: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException | IllegalArgumentException e) {
            err.println("uds-sum server: cannot start at " + config.socket() + ": " + e.getMessage());
            return ExitCode.FAILURE;
        } finally {
            startAttempted.countDown();
        }
        notify(notifier, ServiceNotifier::ready);
        try {
            server.awaitStopping();
            notify(notifier, ServiceNotifier::stopping);
            stoppingReported.countDown();
            server.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        returning.set(true);
        return ExitCode.OK;
    }

    /**
     * Serves the one socket systemd passed (socket activation) instead of binding one: it must be
     * listening, of the configured type, and it stays where its maker put it.
     */
    private static SumServer serveInherited(SocketActivation activation, SumServerConfig config) throws IOException {
        ListenDescriptor inherited = activation.only();
        UnixSocket listener;
        try {
            listener = config.backend() == null ? inherited.adoptListening(config.type())
                    : inherited.adoptListening(UnixDomain.backend(config.backend()), config.type());
        } catch (IOException e) {
            throw new InheritedSocketException("cannot serve the inherited socket " + inherited + ": " + e.getMessage(), e);
        }
        try {
            return SumServer.serve(listener, config);
        } catch (IOException | RuntimeException e) {
            try {
                listener.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** A socket from systemd that cannot be served; the message names it and why. */
    private static final class InheritedSocketException extends IOException {
        private static final long serialVersionUID = 1L;

        InheritedSocketException(String message, IOException cause) {
            super(message, cause);
        }
    }

    private interface Notification {
        void send(ServiceNotifier notifier) throws IOException;
    }

    /** A failed notification is logged, not fatal: serving matters more than reporting it. */
    private void notify(Optional<ServiceNotifier> notifier, Notification notification) {
        if (notifier.isEmpty()) {
            return;
        }
        try {
            notification.send(notifier.get());
        } catch (IOException | RuntimeException e) {
            err.println("uds-sum server: cannot notify the service manager (" + notifier.get() + "): " + e.getMessage());
        }
    }

    /**
     * A shutdown hook that did not come from {@code main} returning came from a signal: stop as
     * {@code DOWN} does, then end with status 0 rather than the JVM's 128 + signal, once the
     * service manager was told (STOPPING=1), if it asked to be.
     */
    private static void stopOnSignal(AtomicReference<SumServer> running, CountDownLatch startAttempted,
                                     CountDownLatch stoppingReported, AtomicBoolean returning) {
        try {
            startAttempted.await();
            SumServer server = running.get();
            if (returning.get() || server == null) {
                return;
            }
            server.stop();
            Duration wait = server.config().shutdownGrace().plusSeconds(2);
            if (server.awaitStop(wait)) {
                stoppingReported.await(2, TimeUnit.SECONDS);
                Runtime.getRuntime().halt(ExitCode.OK.status());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ExitCode client(CommandLine line) {
        SumServerConfig config = line.server();
        SumClient client = SumClient.of(config.socket()).withType(config.type()).withBackend(config.backend());
        SumReply reply;
        try {
            reply = client.send(line.arguments());
        } catch (ConnectionRefusedException e) {
            err.println("The server is down.");
            return ExitCode.FAILURE;
        } catch (AddressTooLongException e) {
            err.println("uds-sum client: " + e.getMessage());
            return ExitCode.FAILURE;
        } catch (UnsupportedOperationException e) {
            err.println("uds-sum client: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException e) {
            err.println("uds-sum client: " + e.getMessage());
            return ExitCode.NO_REPLY;
        }
        if (reply.isSum()) {
            out.println("Result = " + reply.sum());
            return ExitCode.OK;
        }
        if (reply.isError()) {
            err.println("uds-sum client: the server refused the input: " + reply.text()
                    + reply.error().map(e -> " (" + e.meaning() + ")").orElse(""));
            return ExitCode.ERROR_REPLY;
        }
        err.println("uds-sum client: the server's reply is not a sum: \"" + reply.text() + "\"");
        return ExitCode.NO_REPLY;
    }
}
