package dev.uds.sum;

import dev.uds.ConnectionRefusedException;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The server's socket file: created with its final permissions before anyone can reach it, never
 * over a live server's, and removed only while it is still this server's.
 *
 * <p>bind(2) creates the file with 0777 less the umask, which Java cannot set. So the socket is
 * bound inside a fresh 0700 directory beside the target, given its mode there, and then linked
 * to the target with link(2), which fails if anything is there; rename(2) would silently replace
 * a file that another server put there in the meantime.
 *
 * <p>No symbolic link is followed, in the path's directories or at the path itself: the server
 * refuses to start rather than create or remove a file where a link points. The check runs at
 * start: a directory of the path that others may rearrange later (one they can write to, without
 * the sticky bit of /tmp) is no place for a socket, whatever this class does.
 *
 * <p>At stop, the file is moved into a fresh private directory rather than deleted: no new client
 * can reach it, and the server can still reach its own listener there, to queue a marker behind
 * the clients that wait to be accepted (see {@link SumServer#stop()}).
 */
final class SocketFile implements ListenerEndpoint {
    private static final System.Logger LOG = System.getLogger(SocketFile.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;
    private final Object fileKey;
    private final int ownerUid;
    /** Where the file was moved at stop; null until then, or if it could not be. */
    private volatile Path withdrawnTo;

    private SocketFile(Path path, Object fileKey, int ownerUid) {
        this.path = path;
        this.fileKey = fileKey;
        this.ownerUid = ownerUid;
    }

    /**
     * Binds a listening socket at {@code path}, removing a stale socket file first.
     *
     * @return the listening socket and its file
     */
    static Bound listen(BackendChoice backend, SocketType type, Path path, Set<PosixFilePermission> mode,
                        int backlog) throws IOException {
        UnixAddress address = UnixAddress.of(path);
        refuseSymbolicLinkedDirectories(path);
        removeIfStale(backend, type, path, address);
        Path parent = path.toAbsolutePath().getParent();
        Path privateDir = createPrivateDirectory(parent);
        Path temporary = privateDir.resolve("s");
        UnixSocket listener = null;
        try {
            UnixAddress temporaryAddress;
            try {
                temporaryAddress = UnixAddress.of(temporary);
            } catch (IllegalArgumentException e) {
                throw new IOException("cannot create " + path + " safely: the private name " + temporary
                        + " it is bound at first is too long for sun_path; choose a shorter --socket path", e);
            }
            listener = backend.listen(type, temporaryAddress, backlog);
            Files.setPosixFilePermissions(temporary, mode);
            try {
                Files.createLink(path, temporary);
            } catch (FileAlreadyExistsException e) {
                throw new ServerAlreadyRunningException(path);
            }
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            int uid = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            Bound bound = new Bound(listener, new SocketFile(path, attributes.fileKey(), uid));
            listener = null;
            return bound;
        } finally {
            closeQuietly(listener);
            Files.deleteIfExists(temporary);
            Files.deleteIfExists(privateDir);
        }
    }

    private static void closeQuietly(UnixSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the listening socket after a failed start: " + e.getMessage());
        }
    }

    private static Path createPrivateDirectory(Path parent) throws IOException {
        for (int attempt = 0; ; attempt++) {
            byte[] random = new byte[4];
            RANDOM.nextBytes(random);
            Path dir = parent.resolve(".uds-sum-" + HexFormat.of().formatHex(random));
            try {
                return Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(parent.toString(), null, "the socket's directory does not exist");
            }
        }
    }

    /**
     * Refuses a path that goes through a symbolic link: the server would create its file, remove
     * a stale one and, at stop, remove its own wherever the link points, and whoever can write
     * the link's directory chooses that. No link is followed, so none is trusted.
     */
    private static void refuseSymbolicLinkedDirectories(Path path) throws FileSystemException {
        Path absolute = path.toAbsolutePath();
        Path parent = absolute.getParent();
        Path directory = absolute.getRoot();
        for (Path name : parent == null ? List.<Path>of() : parent) {
            directory = directory.resolve(name);
            if (Files.isSymbolicLink(directory)) {
                String target;
                try {
                    target = Files.readSymbolicLink(directory).toString();
                } catch (IOException e) {
                    target = "?";
                }
                throw new FileSystemException(directory.toString(), null, "a symbolic link (to " + target
                        + ") in the socket's path; the server follows no symbolic link there: give the real path");
            }
        }
    }

    /** Removes a socket file nobody listens at; refuses a live one and anything not a socket. */
    private static void removeIfStale(BackendChoice backend, SocketType type, Path path, UnixAddress address)
            throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (attributes.isSymbolicLink()) {
            throw new FileAlreadyExistsException(path.toString(), null,
                    "it is a symbolic link; not following it, not removing it");
        }
        if (!attributes.isOther()) {
            throw new FileAlreadyExistsException(path.toString(), null,
                    "it exists and is not a socket; not removing it");
        }
        UnixSocket probe;
        try {
            probe = backend.connect(type, address);
        } catch (ConnectionRefusedException e) {
            LOG.log(Level.INFO, "removing the stale socket file " + path + " (nothing listens there)");
            Files.deleteIfExists(path);
            return;
        } catch (IOException e) {
            throw new IOException(path + " is a socket file that may be in use (" + e.getMessage()
                    + "); not removing it", e);
        }
        probe.close();
        throw new ServerAlreadyRunningException(path);
    }

    /** A listening socket and the file it is reached at. */
    record Bound(UnixSocket listener, SocketFile file) {
    }

    @Override
    public String description() {
        return path.toString();
    }

    @Override
    public String fateAtStop() {
        return "removed";
    }

    @Override
    public Path path() {
        return path;
    }

    /** The uid the server runs as: the owner of the socket file it created. */
    @Override
    public int ownerUid() {
        return ownerUid;
    }

    /**
     * Moves the file out of reach into a fresh private directory beside it (rename(2), atomic),
     * unless another server's file has replaced it.
     *
     * @return the listener's address in the private directory, or null if it is no longer
     *         reachable there
     */
    @Override
    public UnixAddress withdraw() {
        try {
            if (!isStillOurs()) {
                return null;
            }
            Path dir = createPrivateDirectory(path.toAbsolutePath().getParent());
            Path moved = Files.move(path, dir.resolve("s"), StandardCopyOption.ATOMIC_MOVE);
            withdrawnTo = dir;
            return UnixAddress.of(moved);
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "cannot move " + path + " aside; removing it instead: " + e);
            remove();
            return null;
        }
    }

    /** Where the stop marker binds, in the private directory, so that the acceptor knows it; null before. */
    @Override
    public UnixAddress markerAddress() {
        Path dir = withdrawnTo;
        return dir == null ? null : UnixAddress.of(dir.resolve("m"));
    }

    /** Deletes the private directory of {@link #withdraw()} and what is in it. */
    @Override
    public void removeWithdrawn() {
        Path dir = withdrawnTo;
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve("s"));
            Files.deleteIfExists(dir.resolve("m"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot remove " + dir + ": " + e);
        }
    }

    private boolean isStillOurs() throws IOException {
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (Objects.equals(now.fileKey(), fileKey)) {
                return true;
            }
            LOG.log(Level.INFO, path + " is no longer this server's socket file; leaving it");
        } catch (NoSuchFileException e) {
            LOG.log(Level.DEBUG, path + " was already removed");
        }
        return false;
    }

    /** Deletes the file unless another server's file has replaced it. */
    @Override
    public void remove() {
        try {
            if (isStillOurs()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot remove the socket file " + path + ": " + e);
        }
    }
}
