package dev.uds.doctor;

/**
 * Whether the {@code ffm} backend's code may call native code. This is the Java 17 version:
 * native access, and the {@code ffm} backend, need Java 22, so there is nothing to ask. The
 * Java 22 version of this class (META-INF/versions/22 of the multi-release jar) asks the module.
 */
final class NativeAccess {
    /** The module the ffm backend is in on the module path. */
    static final String FFM_MODULE = "dev.uds.backend.ffm";

    private NativeAccess() {
    }

    /**
     * The state of native access for the ffm backend's module.
     *
     * @return the state, here always not applicable
     */
    static NativeAccessStatus ffm() {
        return new NativeAccessStatus(FFM_MODULE, null, "not applicable on Java " + Runtime.version().feature()
                + ": the ffm backend needs Java 22+");
    }
}
