package dev.uds.doctor;

import java.util.Optional;

/**
 * {@code uds doctor [--json] [--backend NAME]}: which uds backends work here, and why not, with a
 * short self-test of each available one.
 *
 * <p>Exit status: 0 when some backend is available and every available backend passed its
 * checks; 1 when a check failed or no backend is available; 2 for a wrong command line.
 */
public final class Doctor {
    private static final String USAGE = "usage: uds doctor [--json] [--backend NAME]\n"
            + "  Prints the Java runtime, native access, each uds backend found (available or why not, its\n"
            + "  socket types, capabilities and the kernel features it finds) and runs a short self-test of\n"
            + "  each available backend. Exit 0 when every available backend passes, 1 otherwise.\n"
            + "  --json          one JSON object instead of text, for scripts and bug reports\n"
            + "  --backend NAME  examine this backend only";

    private Doctor() {
    }

    /**
     * Runs the doctor and exits with its status.
     *
     * @param args {@code --json}, {@code --backend NAME}, {@code --help}
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        boolean json = false;
        Optional<String> backend = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json":
                    json = true;
                    break;
                case "--backend":
                    if (i + 1 == args.length) {
                        return usage("--backend needs a name");
                    }
                    backend = Optional.of(args[++i]);
                    break;
                case "-h":
                case "--help":
                    System.out.println(USAGE);
                    return 0;
                default:
                    return usage("unknown argument '" + args[i] + "'");
            }
        }
        Diagnosis diagnosis;
        try {
            diagnosis = Diagnosis.examine(backend);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        if (json) {
            JsonReport.write(diagnosis, System.out);
        } else {
            TextReport.write(diagnosis, System.out);
        }
        return diagnosis.healthy() ? 0 : 1;
    }

    private static int usage(String problem) {
        System.err.println("uds doctor: " + problem);
        System.err.println(USAGE);
        return 2;
    }
}
