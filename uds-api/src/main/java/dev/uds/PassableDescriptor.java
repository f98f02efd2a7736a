package dev.uds;

/**
 * Something whose open file descriptor can be sent to another process with a message
 * ({@code SCM_RIGHTS}): a {@link UnixSocket} of the sending backend, a {@link ReceivedDescriptor},
 * or a file named by an {@link OpenFile}.
 *
 * <p>Sending a descriptor shares the open file description: the receiver gets a new descriptor
 * for the same open socket or file, and the sender keeps its own.
 *
 * @see Ancillary#descriptors(PassableDescriptor...)
 * @see "unix(7): SCM_RIGHTS"
 */
public sealed interface PassableDescriptor permits UnixSocket, ReceivedDescriptor, OpenFile {
}
