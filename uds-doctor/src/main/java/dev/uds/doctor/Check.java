package dev.uds.doctor;

/**
 * One check of the self-test or of the kernel features, and how it went.
 *
 * @param name    what was checked, such as {@code "STREAM listener: a message each way"}
 * @param outcome PASS, FAIL or NOT_DECLARED
 * @param detail  the error of a failure, what was found for a pass, or the capability not
 *                declared; may be empty
 */
public record Check(String name, Outcome outcome, String detail) {

    /** How a check went. */
    public enum Outcome {
        /** It worked. */
        PASS,
        /** It failed; the detail says with which error. */
        FAIL,
        /** The backend does not declare what the check needs, so it was not run. */
        NOT_DECLARED
    }

    static Check pass(String name, String detail) {
        return new Check(name, Outcome.PASS, detail);
    }

    static Check failed(String name, Throwable error) {
        return new Check(name, Outcome.FAIL, PlainCause.of(error));
    }

    static Check notDeclared(String name, String capability) {
        return new Check(name, Outcome.NOT_DECLARED, "needs " + capability);
    }
}
