/**
 * What the API shares with the backends and the Linux core, exported to them alone: the errno
 * table ({@link dev.uds.internal.Errors}) and the encoding of file names. Not part of the API.
 */
package dev.uds.internal;
