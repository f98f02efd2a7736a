/**
 * The {@code ffm} backend: libc's socket calls through {@link java.lang.foreign}, under the Linux
 * core's flows ({@code dev.uds.linux}). Not exported.
 *
 * <p>{@link dev.uds.backend.ffm.Libc} holds every downcall, {@link dev.uds.backend.ffm.FfmSyscalls}
 * binds them for the core (and makes the critical first try), {@link dev.uds.backend.ffm.FfmScratch}
 * is the per-thread native memory that keeps the hot path free of allocation, and
 * {@link dev.uds.backend.ffm.FfmWait} with {@link dev.uds.backend.ffm.FfmPoller} parks virtual
 * threads instead of blocking their carriers.
 */
package dev.uds.backend.ffm;
