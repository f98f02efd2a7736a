package dev.uds.doctor;

import java.io.PrintStream;
import java.util.List;

/** The diagnosis for a person to read. */
final class TextReport {
    private TextReport() {
    }

    static void write(Diagnosis diagnosis, PrintStream out) {
        Diagnosis.Machine m = diagnosis.machine();
        out.println("uds doctor");
        out.println("  Java:           " + m.java());
        out.println("  OS:             " + m.os());
        out.println("  uds runs on:    " + (m.modulePath() ? "the module path" : "the class path"));
        NativeAccessStatus access = m.nativeAccess();
        out.println("  native access:  " + access.module() + ": " + access.note());
        out.println("  SO_PEERPIDFD:   " + m.peerPidfd());
        for (Diagnosis.BackendReport b : diagnosis.backends()) {
            out.println();
            if (!b.available()) {
                out.println(b.name() + ": UNAVAILABLE: " + b.cause());
                continue;
            }
            out.println(b.name() + ": available, priority " + b.priority());
            out.println("  socket types:   " + String.join(", ", b.socketTypes()));
            out.println("  capabilities:   " + String.join(", ", b.capabilities()));
            out.println("  kernel:");
            checks(b.kernel(), out);
            out.println("  self-test:");
            checks(b.selfTest(), out);
        }
        out.println();
        long available = diagnosis.backends().stream().filter(Diagnosis.BackendReport::available).count();
        long failing = diagnosis.backends().stream().filter(b -> !b.passed()).count();
        out.println(diagnosis.backends().size() + " backend(s) found, " + available + " available, "
                + (available == 0 ? "none to test: put uds-backend-ffm, -jnr or -jdk on the path"
                        : failing == 0 ? "every available one passed" : failing + " with a FAIL"));
    }

    private static void checks(List<Check> checks, PrintStream out) {
        for (Check c : checks) {
            String outcome = c.outcome() == Check.Outcome.NOT_DECLARED ? "not declared" : c.outcome().name();
            out.printf("    %-12s  %s%s%n", outcome, c.name(), c.detail().isEmpty() ? "" : ": " + c.detail());
        }
    }
}
