package dev.uds.doctor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One run of the doctor as a user starts it: a JVM of its own, from the packaged multi-release jar
 * and the backends' jars in target/lib, on the module path or the class path.
 *
 * @param exit   the exit status
 * @param stdout what it printed
 * @param stderr what it warned about
 */
record DoctorRun(int exit, String stdout, String stderr) {
    static final Path JAR = Path.of(System.getProperty("uds.doctor.jar"));
    static final Path LIB = Path.of(System.getProperty("uds.doctor.lib"));

    /** The JVM of this test: the build's JDK 22+. */
    static String currentJava() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    /** The jars of target/lib, the doctor's own first, as a path. */
    static String jars() throws IOException {
        try (Stream<Path> lib = Files.list(LIB)) {
            return Stream.concat(Stream.of(JAR), lib.sorted()).map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator));
        }
    }

    /** {@code java [options] -p jars -m dev.uds.doctor [args]}. */
    static DoctorRun modulePath(String java, List<String> options, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(options);
        command.addAll(List.of("-p", jars(), "-m", "dev.uds.doctor"));
        command.addAll(List.of(args));
        return run(command);
    }

    /** {@code java [options] -cp jars:extra dev.uds.doctor.Doctor [args]}. */
    static DoctorRun classPath(String java, List<String> options, String extra, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(options);
        command.addAll(List.of("-cp", jars() + File.pathSeparator + extra, Doctor.class.getName()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static DoctorRun run(List<String> command) throws Exception {
        Path out = Files.createTempFile("uds-doctor", ".out");
        Path err = Files.createTempFile("uds-doctor", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the doctor did not end: " + command);
            return new DoctorRun(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    /** The lines of the report that begin a backend's section: {@code "ffm: available, ..."}. */
    List<String> backendLines() {
        return stdout.lines().filter(l -> l.matches("^[\\w.$-]+: (available|UNAVAILABLE).*"))
                .collect(Collectors.toList());
    }

    /** The line of one backend's section header. */
    String backendLine(String name) {
        return backendLines().stream().filter(l -> l.startsWith(name + ": ")).findFirst()
                .orElseThrow(() -> new AssertionError("no section for " + name + " in:\n" + this));
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
