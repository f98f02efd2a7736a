package dev.uds.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;

/**
 * The {@link SocketImpl} a {@link SocketView} and a {@link ServerSocketView} hand to their JDK
 * superclass, which takes one through its protected constructor. The views override every public
 * method, so nothing reaches it; if a later JDK adds a method that does, the call fails with a
 * message saying so instead of acting on an IP socket that does not exist.
 */
final class RefusingSocketImpl extends SocketImpl {

    private static SocketException refused(String what) {
        return new SocketException("uds socket view does not implement " + what
                + " (a java.net method this version of uds-net does not override)");
    }

    @Override
    protected void create(boolean stream) throws IOException {
        throw refused("create");
    }

    @Override
    protected void connect(String host, int port) throws IOException {
        throw refused("connect");
    }

    @Override
    protected void connect(InetAddress address, int port) throws IOException {
        throw refused("connect");
    }

    @Override
    protected void connect(SocketAddress address, int timeout) throws IOException {
        throw refused("connect");
    }

    @Override
    protected void bind(InetAddress host, int port) throws IOException {
        throw refused("bind");
    }

    @Override
    protected void listen(int backlog) throws IOException {
        throw refused("listen");
    }

    @Override
    protected void accept(SocketImpl s) throws IOException {
        throw refused("accept");
    }

    @Override
    protected InputStream getInputStream() throws IOException {
        throw refused("getInputStream");
    }

    @Override
    protected OutputStream getOutputStream() throws IOException {
        throw refused("getOutputStream");
    }

    @Override
    protected int available() throws IOException {
        throw refused("available");
    }

    @Override
    protected void close() {
        // Nothing was opened here; the view's socket is closed by the view.
    }

    @Override
    protected void sendUrgentData(int data) throws IOException {
        throw refused("sendUrgentData");
    }

    @Override
    public void setOption(int optID, Object value) throws SocketException {
        throw refused("option " + optID);
    }

    @Override
    public Object getOption(int optID) throws SocketException {
        throw refused("option " + optID);
    }
}
