package dev.uds.doctor;

/**
 * Native access of one module, as {@link NativeAccess} found it.
 *
 * @param module  the module asked about ({@code ALL-UNNAMED} for the class path)
 * @param enabled whether it is enabled; null where the question does not apply (before Java 22)
 * @param note    what it means for the user
 */
record NativeAccessStatus(String module, Boolean enabled, String note) {
}
