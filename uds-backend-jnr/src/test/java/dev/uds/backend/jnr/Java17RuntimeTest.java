package dev.uds.backend.jnr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Java 17 run of the TCK really runs on Java 17, not on the build's newer toolchain. */
class Java17RuntimeTest {
    @Test
    void runsOnTheJavaVersionTheRunAskedFor() {
        assertEquals(Integer.getInteger("uds.expected.java.feature").intValue(), Runtime.version().feature(),
                "java.home=" + System.getProperty("java.home"));
    }
}
