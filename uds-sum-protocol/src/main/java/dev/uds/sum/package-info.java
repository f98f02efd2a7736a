/**
 * The sum protocol of unix(7), byte-compatible with the man page's C server and client.
 *
 * <p>A client sends each integer as its own message, in decimal ASCII followed by a NUL, then
 * {@code END}; the server answers with one 12-byte message, the sum in decimal padded with NUL,
 * or an {@link dev.uds.sum.ErrorReply} that fits the same 12 bytes. {@code DOWN} in place of a
 * number stops the server, when its sender has the server's uid or is root. Over SEQPACKET (the
 * default) each message is one packet; over STREAM each message ends at its NUL.
 *
 * @see "unix(7): EXAMPLES"
 */
package dev.uds.sum;
