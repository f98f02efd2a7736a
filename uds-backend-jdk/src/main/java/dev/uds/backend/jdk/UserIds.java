package dev.uds.backend.jdk;

import dev.uds.UnixSocketException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns the user and group names of the JDK's {@code SO_PEERCRED} back into ids. The JDK names
 * ids with {@code getpwuid}/{@code getgrgid} and falls back to the number itself when an id has
 * no name, so a name is either a number or an entry of the passwd or group database. Only the
 * files are read: a user known through NSS alone (LDAP, sssd, systemd's DynamicUser) fails with
 * a message saying so; the ffm and jnr backends read the ids from the kernel.
 */
final class UserIds {
    private static final Path PASSWD = Path.of("/etc/passwd");
    private static final Path GROUP = Path.of("/etc/group");

    private UserIds() {
    }

    static int uid(String user) throws IOException {
        return lookUp(user, PASSWD);
    }

    static int gid(String group) throws IOException {
        return lookUp(group, GROUP);
    }

    /** An id as the kernel's 32-bit unsigned uid_t/gid_t, kept in an int as PeerCredentials does. */
    private static int id(String digits, String name, Path database) throws IOException {
        try {
            return (int) Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new UnixSocketException("peer credentials: the id of '" + name + "' in " + database
                    + " is not a number: " + digits, 0, e);
        }
    }

    private static int lookUp(String name, Path database) throws IOException {
        if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
            return id(name, name, database);
        }
        List<String> lines = Files.readAllLines(database);
        for (String line : lines) {
            String[] fields = line.split(":", 4); // name:password:id:...
            if (fields.length >= 3 && fields[0].equals(name)) {
                return id(fields[2], name, database);
            }
        }
        throw new UnixSocketException("peer credentials: '" + name + "' is not in " + database
                + "; the jdk backend knows peers by name only", 0);
    }
}
