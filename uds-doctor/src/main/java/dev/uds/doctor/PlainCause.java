package dev.uds.doctor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why something failed, in plain words: the cause at the root of a chain, with what the user can
 * do about the common ones (a Java too old for a backend, native access not granted, a native
 * library that will not load).
 */
final class PlainCause {
    /** Java's feature version of each class file major version is major - 44 (Java 17 is 61). */
    private static final int CLASS_FILE_OFFSET = 44;
    private static final Pattern CLASS_VERSION = Pattern.compile("class file version (\\d+)");

    private PlainCause() {
    }

    static String of(Throwable error) {
        Throwable root = root(error);
        if (root instanceof UnsupportedClassVersionError) {
            Matcher m = CLASS_VERSION.matcher(String.valueOf(root.getMessage()));
            String needs = m.find() ? "Java " + (Integer.parseInt(m.group(1)) - CLASS_FILE_OFFSET) + "+" : "a newer Java";
            return "it needs " + needs + ", and this is Java " + Runtime.version().feature()
                    + " (" + root.getMessage() + ")";
        }
        if (root instanceof IllegalCallerException) {
            return "native access is not enabled for it: add --enable-native-access=<its module> (ALL-UNNAMED on "
                    + "the class path) to the java command (" + root.getMessage() + ")";
        }
        if (root instanceof UnsatisfiedLinkError) {
            return "a native library did not load (" + root.getMessage() + ")";
        }
        if (root instanceof NoClassDefFoundError || root instanceof ClassNotFoundException) {
            return "a class it needs is missing, so a jar is missing from the path (" + root.getMessage() + ")";
        }
        return root == error ? named(error) : named(error) + ", caused by " + named(root);
    }

    private static String named(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static Throwable root(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
