package dev.uds.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The doctor as users run it, each in a JVM of its own on real sockets: Java 25 and Java 17, the
 * module path and the class path, native access on, off and denied, and with a backend that
 * really fails a check.
 */
class DoctorIT {
    private static final List<String> NATIVE_ACCESS = List.of("--enable-native-access=dev.uds.backend.ffm,org.jnrproject.jffi");

    @Test
    void everyBackendIsAvailableAndPassesOnJava25OnTheModulePath() throws Exception {
        DoctorRun run = DoctorRun.modulePath(DoctorRun.currentJava(), NATIVE_ACCESS);
        assertEquals(0, run.exit(), run.toString());
        assertEquals(List.of("ffm", "jnr", "jdk"), names(run), run.toString());
        for (String backend : List.of("ffm", "jnr", "jdk")) {
            assertTrue(run.backendLine(backend).startsWith(backend + ": available"), run.toString());
        }
        assertFalse(run.stdout().contains("FAIL"), run.toString());
        assertTrue(run.stdout().contains("uds runs on:    the module path"), run.toString());
        assertTrue(run.stdout().contains("native access:  dev.uds.backend.ffm: enabled"), run.toString());
        // ffm and jnr declare everything: every check of theirs ran, for each of the three types.
        assertTrue(run.stdout().contains("PASS          SEQPACKET descriptor passing"), run.toString());
        assertTrue(run.stdout().contains("PASS          DGRAM receive timeout"), run.toString());
        assertTrue(run.stdout().contains("PASS          abstract namespace: bound @uds-doctor-"), run.toString());
        assertTrue(run.stdout().contains("not declared  STREAM pair: a message each way: needs socketpair"),
                "jdk has no socketpair: " + run);
        assertFalse(run.stderr().contains("restricted method"), run.toString());
    }

    @Test
    void onJava17FfmIsListedOnceAsUnavailableWithTheReasonAndTheOthersPass() throws Exception {
        String java17 = System.getProperty("uds.java17.jvm");
        DoctorRun run = DoctorRun.modulePath(java17, List.of());
        assertTrue(run.stdout().contains("Java:           17."), "uds.java17.jvm=" + java17 + " is not a Java 17: "
                + "run Maven on Java 17, or pass -Duds.java17.jvm=/path/to/a/java17/bin/java");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(List.of("jnr", "jdk", "ffm"), names(run), "ffm once, and no entry named after an error: " + run);
        assertTrue(run.backendLine("ffm").startsWith("ffm: UNAVAILABLE: it needs Java 22+, and this is Java 17"),
                run.toString());
        assertTrue(run.stdout().contains("native access:  dev.uds.backend.ffm: not applicable on Java 17"),
                run.toString());
        assertTrue(run.stdout().contains("PASS          SEQPACKET listener: a message each way"),
                "SEQPACKET on Java 17 through jnr: " + run);
        assertFalse(run.stdout().contains("FAIL"), run.toString());
    }

    @Test
    void withoutNativeAccessTheDoctorSaysSoAndJavaOnlyWarns() throws Exception {
        DoctorRun run = DoctorRun.modulePath(DoctorRun.currentJava(), List.of());
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.stdout().contains("native access:  dev.uds.backend.ffm: not enabled: Java "), run.toString());
        assertTrue(run.stdout().contains("add --enable-native-access=dev.uds.backend.ffm"), run.toString());
        assertTrue(run.backendLine("ffm").startsWith("ffm: available"), run.toString());
        assertTrue(run.stderr().contains("WARNING: A restricted method"), run.toString());
    }

    @Test
    void withNativeAccessDeniedFfmIsUnavailableAndTheOthersStillPass() throws Exception {
        DoctorRun run = DoctorRun.modulePath(DoctorRun.currentJava(),
                List.of("--illegal-native-access=deny", "--enable-native-access=org.jnrproject.jffi"));
        assertEquals(0, run.exit(), "every available backend passed: " + run);
        assertTrue(run.backendLine("ffm").startsWith("ffm: UNAVAILABLE: native access is not enabled for it"),
                run.toString());
        assertTrue(run.backendLine("jnr").startsWith("jnr: available"), run.toString());
        assertTrue(run.backendLine("jdk").startsWith("jdk: available"), run.toString());
        assertFalse(run.stdout().contains("FAIL"), run.toString());
    }

    @Test
    void aBackendThatFailsACheckIsReportedTheOthersStillRunAndTheExitIsOne() throws Exception {
        String testClasses = Path.of(OverclaimingProvider.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        DoctorRun run = DoctorRun.classPath(DoctorRun.currentJava(), List.of("--enable-native-access=ALL-UNNAMED"),
                testClasses);
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.stdout().contains("uds runs on:    the class path"), run.toString());
        assertEquals(List.of("ffm", "jnr", "jdk", "overclaiming"), names(run), run.toString());
        assertTrue(run.stdout().contains("FAIL          STREAM descriptor passing: UnsupportedFeatureException"),
                run.toString());
        assertEquals(1, run.stdout().lines().filter(l -> l.contains("FAIL ")).count(), "only its check: " + run);
        assertTrue(run.stdout().contains("PASS          SEQPACKET receive timeout"), "ffm and jnr ran: " + run);
        assertTrue(run.stdout().contains("1 with a FAIL"), run.toString());
    }

    @Test
    void jsonIsOneObjectThatPythonReads() throws Exception {
        DoctorRun run = DoctorRun.modulePath(DoctorRun.currentJava(), NATIVE_ACCESS, "--json");
        assertEquals(0, run.exit(), run.toString());
        Path json = Files.createTempFile("uds-doctor", ".json");
        try {
            Files.writeString(json, run.stdout());
            Process python = new ProcessBuilder("python3", "-c", "import json, sys\n"
                    + "d = json.load(open(sys.argv[1]))\n"
                    + "print(d['healthy'], d['nativeAccess']['enabled'], ' '.join(b['name'] + '=' + str(b['passed']) + "
                    + "'/' + str(len(b['selfTest'])) for b in d['backends']))", json.toString())
                    .redirectErrorStream(true).start();
            String read = new String(python.getInputStream().readAllBytes()).trim();
            assertTrue(python.waitFor(60, TimeUnit.SECONDS));
            assertEquals("True True ffm=True/14 jnr=True/14 jdk=True/7", read, run.toString());
        } finally {
            Files.delete(json);
        }
    }

    @Test
    void oneBackendAloneAndAnUnknownNameIsAnErrorListingTheOthers() throws Exception {
        DoctorRun one = DoctorRun.modulePath(DoctorRun.currentJava(), NATIVE_ACCESS, "--backend", "jnr");
        assertEquals(0, one.exit(), one.toString());
        assertEquals(List.of("jnr"), names(one), one.toString());
        DoctorRun unknown = DoctorRun.modulePath(DoctorRun.currentJava(), NATIVE_ACCESS, "--backend", "nope");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.stderr().contains("no backend named 'nope'; found: ") && unknown.stderr().contains("jdk"),
                unknown.toString());
        assertEquals("", unknown.stdout());
    }

    private static List<String> names(DoctorRun run) {
        return run.backendLines().stream().map(l -> l.substring(0, l.indexOf(':'))).collect(Collectors.toList());
    }
}
