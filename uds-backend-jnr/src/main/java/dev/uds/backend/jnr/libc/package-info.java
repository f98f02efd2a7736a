/**
 * The libc binding of the {@code jnr} backend, alone in its package so that the module opens
 * nothing else to the class jnr-ffi generates for it.
 */
package dev.uds.backend.jnr.libc;
