/**
 * The Linux socket core that the native backends ({@code ffm}, {@code jnr}) share: everything that
 * is Linux and not FFM or jnr, written once. A backend brings only its system-call binding and
 * its memory access; see docs/ARCHITECTURE.md. Not part of the API: exported to those two
 * backends alone.
 */
package dev.uds.linux;
