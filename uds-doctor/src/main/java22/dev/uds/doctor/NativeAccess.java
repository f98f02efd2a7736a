package dev.uds.doctor;

import java.util.Optional;

/**
 * Whether the {@code ffm} backend's code may call native code (the Java 22 version of the class;
 * see the Java 17 one): {@link Module#isNativeAccessEnabled()} of the backend's module on the
 * module path, or of the class path's unnamed module.
 */
final class NativeAccess {
    /** The module the ffm backend is in on the module path. */
    static final String FFM_MODULE = "dev.uds.backend.ffm";

    private NativeAccess() {
    }

    /**
     * The state of native access for the ffm backend's module.
     *
     * @return the state
     */
    static NativeAccessStatus ffm() {
        Optional<Module> named = Optional.ofNullable(NativeAccess.class.getModule().getLayer())
                .flatMap(layer -> layer.findModule(FFM_MODULE));
        Module module = named.orElse(ClassLoader.getSystemClassLoader().getUnnamedModule());
        String name = named.isPresent() ? FFM_MODULE : "ALL-UNNAMED";
        boolean enabled = module.isNativeAccessEnabled();
        return new NativeAccessStatus(name, enabled, enabled ? "enabled"
                : "not enabled: Java " + Runtime.version().feature() + " warns at the first native call, and a "
                        + "later Java refuses it (or this one with --illegal-native-access=deny); add "
                        + "--enable-native-access=" + name + " to the java command");
    }
}
