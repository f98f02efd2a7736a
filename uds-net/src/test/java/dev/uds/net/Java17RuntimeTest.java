package dev.uds.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The java17-runtime run of the view tests really runs on the Java it is for. */
class Java17RuntimeTest {

    @Test
    void theRuntimeIsTheOneThisRunIsFor() {
        Integer expected = Integer.getInteger("uds.expected.java.feature", Runtime.version().feature());
        assertEquals(expected.intValue(), Runtime.version().feature(),
                "uds.expected.java.feature says which Java this run is for");
    }
}
