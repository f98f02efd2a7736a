/**
 * The {@code ffm} backend: libc's socket calls through {@link java.lang.foreign}. Not exported.
 *
 * <p>{@link dev.uds.backend.ffm.Libc} holds every downcall, {@link dev.uds.backend.ffm.LibcStructs}
 * every struct layout and constant, {@link dev.uds.backend.ffm.FfmDescriptor} the ownership of a
 * descriptor against concurrent close, and {@link dev.uds.backend.ffm.FfmScratch} the per-thread
 * native memory that keeps the hot path free of allocation.
 */
package dev.uds.backend.ffm;
