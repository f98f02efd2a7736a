/**
 * The Linux socket core that the native backends ({@code ffm}, {@code jnr}) share: everything that
 * is Linux and not FFM or jnr, written once, the socket itself among it ({@link dev.uds.linux.LinuxSocket}).
 * A backend brings only its system-call binding, its memory access, and how its threads accept and
 * wait ({@link dev.uds.linux.LinuxBackend}); see docs/ARCHITECTURE.md. Not part of the API: exported to those two
 * backends alone.
 */
package dev.uds.linux;
