package dev.uds.testsupport.peers;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An installed program a server fixture runs, found on the {@code PATH} or in the directories
 * its Debian package puts it in, with the package named when it is missing.
 */
final class Program {
    /** How long a one-shot command ({@code initdb}, {@code ssh-add}) may take before it is killed. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final Path path;

    private Program(Path path) {
        this.path = path;
    }

    /**
     * Finds a program: first in {@code directories} (globs of one level, such as
     * {@code /usr/lib/postgresql/}{@code *}{@code /bin}, newest version first), then on the
     * {@code PATH}.
     *
     * @throws IOException naming the program, where it was looked for and the Debian package
     *     that has it
     */
    static Program find(String name, String debianPackage, String... directories) throws IOException {
        List<Path> candidates = new ArrayList<>();
        for (String directory : directories) {
            candidates.addAll(expand(directory));
        }
        for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            candidates.add(Path.of(entry.isEmpty() ? "." : entry));
        }
        for (Path directory : candidates) {
            Path program = directory.resolve(name);
            if (Files.isRegularFile(program) && Files.isExecutable(program)) {
                return new Program(program);
            }
        }
        throw new IOException(name + " not found in " + candidates + ": install the Debian package "
                + debianPackage + " (.ci/run installs it where it is missing)");
    }

    /** A directory, or the directories a trailing {@code *}{@code /bin}-like glob names, newest first. */
    private static List<Path> expand(String directory) throws IOException {
        int star = directory.indexOf('*');
        if (star < 0) {
            return List.of(Path.of(directory));
        }
        Path parent = Path.of(directory.substring(0, star));
        String rest = directory.substring(star + 1).replaceFirst("^/", "");
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(parent)) {
            // Version directories such as 15 and 16: the highest number first.
            return versions.sorted((a, b) -> compareVersions(b.getFileName().toString(), a.getFileName().toString()))
                    .map(version -> rest.isEmpty() ? version : version.resolve(rest))
                    .toList();
        }
    }

    private static int compareVersions(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    /** Where the program is. */
    Path path() {
        return path;
    }

    /** The directory the program is in, where its siblings ({@code postgres} beside {@code initdb}) are. */
    Path directory() {
        return path.getParent();
    }

    /**
     * Runs the program to its end with {@code arguments}, its input empty and its output and
     * errors appended to {@code log}.
     *
     * @param prefix what goes before the program, such as {@code setpriv} to change user
     * @throws IOException if it cannot start, exits non-zero or outlasts its timeout; the message
     *     has the command, the exit status and the log
     */
    void run(List<String> prefix, List<String> arguments, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        List<String> command = command(prefix, arguments);
        Process process = start(command, environment, log);
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException(String.join(" ", command) + " did not end within " + COMMAND_TIMEOUT + "; its output: "
                    + tail(log));
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with status " + process.exitValue()
                    + "; its output: " + tail(log));
        }
    }

    /** The full command line: the prefix, this program, the arguments. */
    List<String> command(List<String> prefix, List<String> arguments) {
        List<String> command = new ArrayList<>(prefix);
        command.add(path.toString());
        command.addAll(arguments);
        return command;
    }

    /**
     * Starts a command with no pipe to this JVM (input from {@code /dev/null}, output and errors
     * appended to {@code log}), so that it leaves no descriptor open here. It runs in the log's
     * directory, the scratch directory, which a server running as another user can enter.
     */
    static Process start(List<String> command, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .directory(log.getParent().toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** The last lines of a log, for an error message. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
