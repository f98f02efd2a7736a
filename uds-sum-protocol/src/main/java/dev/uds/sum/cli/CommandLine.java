package dev.uds.sum.cli;

import dev.uds.SocketType;
import dev.uds.UnixDomain;
import dev.uds.sum.SumProtocol;
import dev.uds.sum.SumServerConfig;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code uds-sum} command line. Options start with {@code --} (so that {@code -5} is a
 * number), may come anywhere, and {@code --} ends them.
 *
 * @param command    {@code server} or {@code client}, or {@code help}
 * @param server     the server's configuration (the client uses its socket, type and backend)
 * @param arguments  the client's arguments
 */
record CommandLine(String command, SumServerConfig server, List<String> arguments) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    static CommandLine parse(String... args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("say server or client");
        }
        String command = args[0];
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            return new CommandLine("help", SumServerConfig.defaults(), List.of());
        }
        if (!command.equals("server") && !command.equals("client")) {
            throw new UsageException("unknown command " + command + ": say server or client");
        }
        SumServerConfig config = SumServerConfig.defaults();
        List<String> arguments = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("--")) {
                arguments.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (name.equals("--help")) {
                return new CommandLine("help", config, List.of());
            }
            if (value == null) {
                if (i + 1 == args.length) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            config = apply(command, config, name, value);
        }
        if (command.equals("server") && !arguments.isEmpty()) {
            throw new UsageException("the server takes no arguments: " + arguments);
        }
        return new CommandLine(command, config, List.copyOf(arguments));
    }

    private static SumServerConfig apply(String command, SumServerConfig config, String name, String value)
            throws UsageException {
        switch (name) {
            case "--socket":
                if (value.isEmpty()) {
                    throw new UsageException("--socket needs a path");
                }
                return config.withSocket(Path.of(value));
            case "--backend":
                return config.withBackend(value);
            case "--type":
                return config.withType(type(value));
            default:
                break;
        }
        if (!command.equals("server")) {
            throw new UsageException("unknown option for the client: " + name);
        }
        switch (name) {
            case "--mode":
                return config.withMode(mode(value));
            case "--max-clients":
                return config.withMaxClients(positive(name, value));
            case "--backlog":
                return config.withBacklog(positive(name, value));
            case "--idle-timeout":
                return config.withIdleTimeout(duration(name, value));
            case "--shutdown-grace":
                return config.withShutdownGrace(duration(name, value));
            default:
                throw new UsageException("unknown option for the server: " + name);
        }
    }

    static SocketType type(String value) throws UsageException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "seqpacket":
                return SocketType.SEQPACKET;
            case "stream":
                return SocketType.STREAM;
            default:
                throw new UsageException("--type is seqpacket or stream, not " + value);
        }
    }

    /** An octal mode of permission bits only, such as {@code 600} or {@code 0660}. */
    static Set<PosixFilePermission> mode(String value) throws UsageException {
        int bits;
        try {
            bits = Integer.parseInt(value, 8);
        } catch (NumberFormatException e) {
            throw new UsageException("--mode is octal permission bits such as 0600, not " + value);
        }
        if (bits < 0 || bits > 0777) {
            throw new UsageException("--mode takes permission bits 0000 to 0777, not " + value);
        }
        Set<PosixFilePermission> mode = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] byBit = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < byBit.length; bit++) {
            if ((bits & (1 << bit)) != 0) {
                mode.add(byBit[bit]);
            }
        }
        return mode;
    }

    /** A duration such as {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}; plain numbers are seconds. */
    static Duration duration(String name, String value) throws UsageException {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new UsageException(name + " is a duration such as 30s, 500ms, 2m or 0 for none, not " + value);
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " is too large: " + value);
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        switch (unit) {
            case "ms":
                return Duration.ofMillis(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            default:
                return Duration.ofSeconds(amount);
        }
    }

    private static int positive(String name, String value) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            throw new UsageException(name + " is a whole number of at least 1, not " + value);
        }
        throw new UsageException(name + " is a whole number of at least 1, not " + value);
    }

    static String usage() {
        return String.join("\n",
                "usage: uds-sum server [--socket PATH] [--backend NAME] [--type seqpacket|stream]",
                "                      [--mode OCTAL] [--max-clients N] [--backlog N]",
                "                      [--idle-timeout DURATION] [--shutdown-grace DURATION]",
                "       uds-sum client [--socket PATH] [--backend NAME] [--type seqpacket|stream] ARGS...",
                "",
                "The sum protocol of unix(7): the client sends each ARG (an integer, or DOWN to stop",
                "the server) and prints the server's answer as \"Result = N\".",
                "",
                "  --socket PATH          socket file (default " + SumProtocol.DEFAULT_SOCKET + ")",
                "  --backend NAME         uds backend: jdk, ffm, jnr (default: -Duds.backend, then priority)",
                "  --type TYPE            seqpacket (default, as the example) or stream (any backend)",
                "  --mode OCTAL           server: socket file permissions (default 0600, owner only)",
                "  --max-clients N        server: sessions at once; more wait to be accepted (default 64)",
                "  --backlog N            server: clients that may wait to be accepted; a client that",
                "                         connects without waiting is turned away (EAGAIN) beyond them",
                "                         (default: the kernel's largest, net.core.somaxconn, "
                        + UnixDomain.maxBacklog() + " here)",
                "  --idle-timeout D       server: end a session silent for D, e.g. 30s, 500ms; 0 = never (default 30s)",
                "  --shutdown-grace D     server: time sessions get to finish at shut-down (default 5s)",
                "  --help                 this text",
                "",
                "Exit codes:",
                "  0  server: stopped cleanly (DOWN, SIGINT, SIGTERM); client: printed a sum",
                "  1  server: could not start (live server at the path, path too long, ...);",
                "     client: no server at the path (\"The server is down.\")",
                "  2  wrong command line",
                "  3  client: the server answered with an error reply (ERR ...)",
                "  4  client: the connection failed mid-session, or no or a malformed reply",
                "");
    }
}
