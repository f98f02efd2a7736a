package dev.uds;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The address of an AF_UNIX socket: a pathname, a name in the Linux abstract namespace, or
 * unnamed.
 *
 * <p>Addresses are values: immutable and compared by content. A pathname address is checked
 * against the size of {@code sun_path} when it is made, so a path is never cut short as
 * {@code strncpy(3)} would cut it.
 *
 * @see "unix(7): Address format"
 */
public sealed interface UnixAddress permits UnixAddress.Pathname, UnixAddress.Abstract, UnixAddress.Unnamed {

    /** The size of {@code sun_path} in {@code struct sockaddr_un} on Linux, in bytes. */
    int SUN_PATH_SIZE = 108;

    /** The longest pathname, in bytes: {@code sun_path} less the terminating NUL. */
    int MAX_PATHNAME_BYTES = SUN_PATH_SIZE - 1;

    /** The longest abstract name, in bytes: {@code sun_path} less the leading NUL. */
    int MAX_ABSTRACT_NAME_BYTES = SUN_PATH_SIZE - 1;

    /**
     * A pathname address.
     *
     * @param path the file system path the socket is bound to or connects to; relative paths are
     *             resolved by the kernel against the working directory
     * @return the address
     * @throws AddressTooLongException if the path takes more than {@value #MAX_PATHNAME_BYTES}
     *                                 bytes in the file system's encoding
     * @throws IllegalArgumentException if the path is empty or contains a NUL character
     */
    static UnixAddress of(Path path) {
        return new Pathname(path);
    }

    /**
     * A pathname address.
     *
     * @param path the path as a string
     * @return the address
     * @throws AddressTooLongException if the path takes more than {@value #MAX_PATHNAME_BYTES}
     *                                 bytes in the file system's encoding
     * @throws IllegalArgumentException if the path is empty or contains a NUL character
     */
    static UnixAddress of(String path) {
        return new Pathname(Path.of(path));
    }

    /**
     * A pathname address given as the bytes the kernel uses, such as those it returned for a socket
     * another program bound. The bytes are kept exactly, even where they are not valid in the file
     * system's encoding; {@link Pathname#path()} then shows each invalid sequence as {@code ?}.
     *
     * <p>Up to {@value #SUN_PATH_SIZE} bytes are accepted here, one more than a path made from
     * text: Linux lets a program bind a path that fills {@code sun_path} with no terminating NUL
     * (unix(7), BUGS), and reports it so. Such an address is valid on the native backends, which
     * pass it without a NUL as the kernel accepts; the JDK refuses it.
     *
     * @param path the path's bytes, without a terminating NUL; copied
     * @return the address
     * @throws AddressTooLongException if the path is longer than {@value #SUN_PATH_SIZE} bytes
     * @throws IllegalArgumentException if the path is empty or contains a NUL byte
     */
    static UnixAddress of(byte[] path) {
        return new Pathname(path.clone());
    }

    /**
     * An address in the Linux abstract namespace, whose name is {@code name} in the file system's
     * encoding. Abstract names have no file and vanish when the last socket bound to them closes.
     *
     * @param name the name, without the leading NUL byte
     * @return the address
     * @throws AddressTooLongException if the name takes more than
     *                                 {@value #MAX_ABSTRACT_NAME_BYTES} bytes
     */
    static UnixAddress abstractName(String name) {
        return new Abstract(name.getBytes(Pathname.ENCODING));
    }

    /**
     * An address in the Linux abstract namespace given as raw bytes; NUL bytes are allowed and are
     * part of the name.
     *
     * @param name the name, without the leading NUL byte; copied
     * @return the address
     * @throws AddressTooLongException if the name is longer than {@value #MAX_ABSTRACT_NAME_BYTES}
     *                                 bytes
     */
    static UnixAddress abstractName(byte[] name) {
        return new Abstract(name.clone());
    }

    /**
     * The unnamed address: that of a socket that was never bound, or of a {@code socketpair(2)}
     * end. Binding a socket to it asks the kernel to autobind the socket to a unique abstract name.
     *
     * @return the unnamed address
     */
    static UnixAddress unnamed() {
        return Unnamed.INSTANCE;
    }

    /**
     * A pathname address: a socket file in the file system.
     */
    final class Pathname implements UnixAddress {
        static final Charset ENCODING = dev.uds.internal.FileNames.ENCODING;

        private final Path path;
        private final byte[] bytes;

        private Pathname(Path path) {
            this.path = Objects.requireNonNull(path, "path");
            String text = path.toString();
            if (text.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a pathname address cannot contain NUL: " + text);
            }
            this.bytes = checked(text.getBytes(ENCODING), text, MAX_PATHNAME_BYTES);
        }

        /** The kernel's bytes, which the file system's encoding may not be able to say. */
        private Pathname(byte[] bytes) {
            for (byte b : bytes) {
                if (b == 0) {
                    throw new IllegalArgumentException("a pathname address cannot contain NUL: "
                            + new String(bytes, ENCODING));
                }
            }
            String text = new String(bytes, ENCODING);
            if (!Arrays.equals(text.getBytes(ENCODING), bytes)) {
                // Not valid in the encoding: the path shows '?' where the decoder put U+FFFD, which
                // Path.of could refuse (in an ASCII locale); the bytes stay the kernel's.
                text = text.replace('\uFFFD', '?');
            }
            this.path = Path.of(text);
            this.bytes = checked(bytes, text, SUN_PATH_SIZE);
        }

        private static byte[] checked(byte[] bytes, String text, int limit) {
            if (bytes.length == 0) {
                throw new IllegalArgumentException("a pathname address needs a non-empty path");
            }
            if (bytes.length > limit) {
                throw new AddressTooLongException("socket path " + text + " takes " + bytes.length
                        + " bytes in " + ENCODING + "; sun_path holds at most " + MAX_PATHNAME_BYTES
                        + " bytes and a terminating NUL" + (limit > MAX_PATHNAME_BYTES
                                ? " (or " + SUN_PATH_SIZE + " bytes with none, as the kernel reports them)" : ""));
            }
            return bytes;
        }

        /**
         * The path.
         *
         * @return the path, as given; for an address made from bytes that are not valid in the
         *         file system's encoding, with {@code ?} for each invalid sequence (the
         *         {@link #bytes()} are the name)
         */
        public Path path() {
            return path;
        }

        /**
         * The path as the kernel sees it: its bytes in the file system's encoding, without NUL.
         *
         * @return a copy of the bytes
         */
        public byte[] bytes() {
            return bytes.clone();
        }

        /**
         * The number of bytes in {@link #bytes()}, without copying them.
         *
         * @return the length in bytes
         */
        public int length() {
            return bytes.length;
        }

        /** Equal to a pathname address with the same bytes: the same name for the kernel. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Pathname p && Arrays.equals(p.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        /** The path. */
        @Override
        public String toString() {
            return path.toString();
        }
    }

    /**
     * An address in the Linux abstract namespace.
     */
    final class Abstract implements UnixAddress {
        private final byte[] name;

        private Abstract(byte[] name) {
            if (name.length > MAX_ABSTRACT_NAME_BYTES) {
                throw new AddressTooLongException("abstract socket name takes " + name.length
                        + " bytes; sun_path holds at most " + MAX_ABSTRACT_NAME_BYTES
                        + " bytes after the leading NUL");
            }
            this.name = name;
        }

        /**
         * The name without the leading NUL byte.
         *
         * @return a copy of the name's bytes
         */
        public byte[] name() {
            return name.clone();
        }

        /**
         * The number of bytes in {@link #name()}, without copying them.
         *
         * @return the length in bytes
         */
        public int length() {
            return name.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Abstract a && Arrays.equals(a.name, name);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(name);
        }

        /**
         * The name after an {@code @}, as {@code ss(8)} shows it; bytes that are not printable
         * ASCII appear as {@code \xNN}.
         */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(name.length + 1).append('@');
            for (byte b : name) {
                if (b >= 0x20 && b < 0x7f && b != '\\') {
                    text.append((char) b);
                } else {
                    text.append(String.format("\\x%02x", b & 0xff));
                }
            }
            return text.toString();
        }
    }

    /**
     * The unnamed address.
     */
    final class Unnamed implements UnixAddress {
        static final Unnamed INSTANCE = new Unnamed();

        private Unnamed() {
        }

        /** {@code "(unnamed)"}. */
        @Override
        public String toString() {
            return "(unnamed)";
        }
    }
}
