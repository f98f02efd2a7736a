package dev.uds.backend.jnr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The backend works as a named module with every jar on the module path, as an application
 * deploys it. Surefire's own run cannot show that: it opens the test packages to all unnamed
 * modules, which hides a binding that only works when its package is open, and it puts the jars
 * the module does not require (ASM) on the class path.
 */
class JnrModulePathTest {

    @Test
    void aSocketPairWorksWithEveryJarOnTheModulePath() throws IOException, InterruptedException {
        Path testClasses = Path.of("target", "test-classes").toAbsolutePath();
        String modulePath = Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
                .flatMap(p -> Stream.of(p.split(File.pathSeparator)))
                .filter(p -> !p.isEmpty() && !Path.of(p).toAbsolutePath().equals(testClasses))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=org.jnrproject.jffi",
                "-p", modulePath, "--add-modules", "dev.uds.backend.jnr",
                "-cp", testClasses.toString(), "dev.uds.jnrprobe.ModulePathProbe"));
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        probe.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, probe.exitValue(), output);
        assertEquals("ok dev.uds.backend.jnr", output.strip().lines().reduce((a, b) -> b).orElse(""), output);
    }
}
