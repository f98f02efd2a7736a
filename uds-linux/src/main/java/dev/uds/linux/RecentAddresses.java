package dev.uds.linux;

import dev.uds.UnixAddress;
import java.nio.ByteBuffer;

/**
 * The last few addresses one thread sent datagrams to or received them from, each with its
 * {@code sockaddr_un} bytes, so that a server answering the same clients again and again neither
 * encodes a target nor decodes a sender twice: a repeated sender is the same {@link UnixAddress}
 * object, and sending to it copies its bytes. So addressed datagrams allocate nothing per call
 * once the peers are known. Only the owning thread uses an instance (each backend keeps one in
 * its per-thread scratch).
 */
public final class RecentAddresses {
    private static final int SIZE = 4;

    private final UnixAddress[] addresses = new UnixAddress[SIZE];
    /** {@code sockaddr_un} as the kernel reads or wrote it: the family, then {@code sun_path}. */
    private final byte[][] names = new byte[SIZE][Structs.SOCKADDR_UN_SIZE];
    private final int[] lengths = new int[SIZE];
    private int next;

    /** Creates an empty set; each backend's per-thread scratch holds one. */
    public RecentAddresses() {
    }

    /**
     * Writes an address at {@code at} in {@code buffer}, as {@link Sockaddr#encode} does.
     *
     * @param address a pathname or abstract address
     * @param buffer  native-order memory with room for {@link Structs#SOCKADDR_UN_SIZE} bytes at {@code at}
     * @param at      where the struct starts
     * @return the address length to pass to the call
     */
    public int encode(UnixAddress address, ByteBuffer buffer, int at) {
        for (int i = 0; i < SIZE; i++) {
            UnixAddress known = addresses[i];
            if (known == address || (known != null && known.equals(address))) {
                buffer.put(at, names[i], 0, lengths[i]);
                return lengths[i];
            }
        }
        int length = Sockaddr.encode(address, buffer, at);
        remember(address, buffer, at, length);
        return length;
    }

    /**
     * Reads the address the kernel wrote at {@code at}, as {@link Sockaddr#decode} does; an
     * address seen lately is returned as the same object.
     *
     * @param buffer the memory
     * @param at     where the struct starts
     * @param length the length the call returned: 0 or the family alone for an unnamed sender
     * @return the address
     */
    public UnixAddress decode(ByteBuffer buffer, int at, int length) {
        if (length <= Structs.SUN_PATH_OFFSET) {
            return UnixAddress.unnamed();
        }
        int clipped = Math.min(length, Structs.SOCKADDR_UN_SIZE);
        for (int i = 0; i < SIZE; i++) {
            if (addresses[i] != null && lengths[i] == clipped && sameBytes(buffer, at, names[i], clipped)) {
                return addresses[i];
            }
        }
        UnixAddress address = Sockaddr.decode(buffer, at, length);
        remember(address, buffer, at, clipped);
        return address;
    }

    private static boolean sameBytes(ByteBuffer buffer, int at, byte[] name, int length) {
        // From the end: paths in one directory share their start.
        for (int i = length - 1; i >= 0; i--) {
            if (buffer.get(at + i) != name[i]) {
                return false;
            }
        }
        return true;
    }

    private void remember(UnixAddress address, ByteBuffer buffer, int at, int length) {
        int slot = next;
        next = (slot + 1) % SIZE;
        buffer.get(at, names[slot], 0, length);
        lengths[slot] = length;
        addresses[slot] = address;
    }
}
