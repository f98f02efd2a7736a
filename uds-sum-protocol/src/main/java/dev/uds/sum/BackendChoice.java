package dev.uds.sum;

import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.IOException;

/** A backend named by the user, or the one {@link UnixDomain} selects when none is named. */
record BackendChoice(String name) {

    UnixSocket connect(SocketType type, UnixAddress to) throws IOException {
        return name == null ? UnixDomain.connect(type, to) : UnixDomain.backend(name).connect(type, to);
    }

    UnixSocket listen(SocketType type, UnixAddress at, int backlog) throws IOException {
        return name == null ? UnixDomain.listen(type, at, backlog) : UnixDomain.backend(name).listen(type, at, backlog);
    }
}
