/**
 * What the API shares with the backends and the Linux core, exported to them alone: the errno
 * table ({@link dev.uds.internal.Errors}), the encoding of file names, the rule for a listen
 * backlog and a batch's state. Not part of the API.
 */
package dev.uds.internal;
