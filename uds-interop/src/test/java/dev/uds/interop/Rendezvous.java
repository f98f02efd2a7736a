package dev.uds.interop;

import dev.uds.Backend;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the two sides of a cell meet, on our sockets. STREAM and SEQPACKET: listen, connect,
 * accept. DGRAM: both sides bind; the connecting side connects to the other and sends
 * {@code "hello"}, on which the accepting side connects back, so that each ends with a connected
 * socket; but addressed datagrams stay unconnected. The peers we did not write meet the same way.
 */
final class Rendezvous {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private Rendezvous() {
    }

    /** The accepting side's address: a file in {@code dir}, or a fresh abstract name. */
    static UnixAddress serverAddress(Feature feature, Path dir) {
        return address(feature, dir, "server");
    }

    /** The connecting side's own address, for DGRAM. */
    static UnixAddress clientAddress(Feature feature, Path dir) {
        return address(feature, dir, "client");
    }

    private static UnixAddress address(Feature feature, Path dir, String role) {
        return feature.abstractAddress()
                ? UnixAddress.abstractName("uds-interop-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet() + "-" + role)
                : UnixAddress.of(dir.resolve(role + ".sock"));
    }

    /** Binds and, for STREAM and SEQPACKET, listens. */
    static UnixSocket bind(Backend backend, SocketType type, UnixAddress at, Opened opened) throws IOException {
        return opened.add(backend.listen(type, at, 4));
    }

    /**
     * Accepts the connecting side, or for DGRAM takes its {@code "hello"} and connects back; for
     * {@link Feature#ADDRESSED_DATAGRAMS}, nothing: the socket stays unconnected.
     */
    static UnixSocket accept(UnixSocket bound, Feature feature, UnixAddress clientAddress, Opened opened)
            throws IOException {
        if (feature == Feature.ADDRESSED_DATAGRAMS) {
            return bound;
        }
        if (bound.type() != SocketType.DGRAM) {
            return opened.add(bound.accept());
        }
        Talk.expect(bound, "hello");
        bound.connect(clientAddress);
        return bound;
    }

    /**
     * Connects to the accepting side; for {@link Feature#AUTOBIND}, from an autobound socket; for
     * {@link Feature#ADDRESSED_DATAGRAMS}, autobinds and connects to nothing.
     */
    static UnixSocket connect(Backend backend, SocketType type, Feature feature, UnixAddress server, UnixAddress client,
                              Opened opened) throws IOException {
        if (feature == Feature.ADDRESSED_DATAGRAMS) {
            UnixSocket s = opened.add(backend.open(type));
            s.bind(UnixAddress.unnamed());
            return s;
        }
        if (feature == Feature.AUTOBIND) {
            UnixSocket s = opened.add(backend.open(type));
            s.bind(UnixAddress.unnamed());
            s.connect(server);
            return s;
        }
        if (type != SocketType.DGRAM) {
            return opened.add(backend.connect(type, server));
        }
        UnixSocket s = opened.add(backend.open(type));
        s.bind(client);
        s.connect(server);
        Talk.send(s, "hello");
        return s;
    }

    /** An address as a command line word: {@code path:/tmp/x.sock} or {@code abstract:name}. */
    static String word(UnixAddress address) {
        if (address instanceof UnixAddress.Abstract a) {
            return "abstract:" + new String(a.name(), StandardCharsets.US_ASCII);
        }
        return "path:" + ((UnixAddress.Pathname) address).path();
    }

    /** The address of a {@link #word(UnixAddress)}. */
    static UnixAddress parse(String word) {
        if (word.startsWith("abstract:")) {
            return UnixAddress.abstractName(word.substring("abstract:".length()));
        }
        if (word.startsWith("path:")) {
            return UnixAddress.of(word.substring("path:".length()));
        }
        throw new IllegalArgumentException("not an address word: " + word);
    }
}
