package dev.uds.interop;

import dev.uds.UnixAddress;
import java.nio.file.Path;

/**
 * What one half of a conversation knows besides its socket.
 *
 * @param peer          the process at the other end, as the kernel should report it
 * @param dir           a directory both processes can use for files to pass
 * @param serverAddress the address the accepting side is bound to
 */
record Side(Identity peer, Path dir, UnixAddress serverAddress) {
}
