package dev.uds.testsupport.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;

/**
 * A directory of one server's own under the system's temporary directory, deleted with all it
 * holds when the server has stopped. Its path stays short, as a socket's path must fit
 * {@code sun_path} (108 bytes).
 */
final class ScratchDirectory {
    private ScratchDirectory() {
    }

    /** A new empty directory, named after the server ({@code uds-postgres-123...}). */
    static Path create(String server) throws IOException {
        return Files.createTempDirectory("uds-" + server + "-");
    }

    /**
     * Whether this process runs as root: then the servers that refuse root (PostgreSQL) run as
     * their own user, and the directory is handed to that user.
     */
    static boolean runningAsRoot(Path directory) throws IOException {
        return ((Integer) Files.getAttribute(directory, "unix:uid")) == 0;
    }

    /** Hands a directory this process made to another user and that user's group. */
    static void handTo(Path directory, String user) throws IOException {
        UserPrincipalLookupService lookup = directory.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        GroupPrincipal group;
        try {
            group = lookup.lookupPrincipalByGroupName(user);
        } catch (IOException e) {
            throw new IOException("no group named " + user + " for " + directory + ": " + e.getMessage(), e);
        }
        view.setOwner(lookup.lookupPrincipalByName(user));
        view.setGroup(group);
    }

    /** Deletes a directory and everything under it; what is already gone is no error. */
    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the scratch directory " + directory, e);
        }
    }
}
