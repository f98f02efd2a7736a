package dev.uds.interop;

import static dev.uds.interop.Talk.check;

import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.util.Arrays;
import java.util.List;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketCredentials;

/**
 * One end of a conversation on junixsocket (JNI), a library nobody here wrote: a STREAM
 * {@link AFUNIXSocket}, or a SEQPACKET {@link AFUNIXDatagramSocket} made by
 * {@code AFUNIXDatagramSocket.newInstance(AFSocketType.SOCK_SEQPACKET)}. junixsocket has no
 * listening SEQPACKET socket and no shutdown for its datagram sockets, so SEQPACKET only
 * connects and takes no part in the end-of-stream and shutdown conversations. junixsocket has no
 * API for {@code SO_PASSCRED}/{@code SCM_CREDENTIALS}, so it takes no part in credential passing.
 */
abstract class JunixsocketEnd implements Closeable {
    /** Room for the ancillary data of a few descriptors. */
    private static final int ANCILLARY_ROOM = 1024;

    /** Sends the bytes as one write, or one message. */
    abstract void send(byte[] bytes) throws IOException;

    /** Sends the bytes with one descriptor ({@code SCM_RIGHTS}). */
    abstract void send(byte[] bytes, FileDescriptor fd) throws IOException;

    /** The next {@code length} bytes of the stream, or the next message whatever its length. */
    abstract byte[] receive(int length) throws IOException;

    /** The descriptors that came with the last receive. */
    abstract FileDescriptor[] receivedDescriptors() throws IOException;

    /** Whether the peer ended the stream. */
    abstract boolean atEnd() throws IOException;

    abstract void shutdownOutput() throws IOException;

    abstract AFUNIXSocketCredentials peerCredentials() throws IOException;

    /** The accepted end of a STREAM server socket. */
    static JunixsocketEnd accept(AFUNIXServerSocket server) throws IOException {
        return stream(server.accept());
    }

    /** A connected end: STREAM or SEQPACKET. */
    static JunixsocketEnd connect(boolean stream, AFUNIXSocketAddress address) throws IOException {
        if (stream) {
            return stream(AFUNIXSocket.connectTo(address));
        }
        AFUNIXDatagramSocket s = AFUNIXDatagramSocket.newInstance(AFSocketType.SOCK_SEQPACKET);
        try {
            s.connect(address);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return new Seqpacket(s);
    }

    private static JunixsocketEnd stream(AFUNIXSocket socket) throws IOException {
        try {
            return new Stream(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    void expect(String text) throws IOException {
        expect(Talk.ascii(text), "\"" + text + "\"");
    }

    void expect(byte[] expected, String what) throws IOException {
        byte[] got = receive(expected.length);
        check(Arrays.equals(expected, got), "junixsocket expected " + what + " (" + expected.length + " bytes), received "
                + (got == null ? "end of stream" : got.length + " bytes"));
    }

    private static final class Stream extends JunixsocketEnd {
        private final AFUNIXSocket socket;
        private final InputStream in;

        Stream(AFUNIXSocket socket) throws IOException {
            this.socket = socket;
            socket.setAncillaryReceiveBufferSize(ANCILLARY_ROOM);
            this.in = socket.getInputStream();
        }

        @Override
        void send(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
        }

        @Override
        void send(byte[] bytes, FileDescriptor fd) throws IOException {
            socket.setOutboundFileDescriptors(fd);
            send(bytes);
        }

        @Override
        byte[] receive(int length) throws IOException {
            byte[] bytes = in.readNBytes(length);
            return bytes.length == length ? bytes : null;
        }

        @Override
        FileDescriptor[] receivedDescriptors() throws IOException {
            return socket.getReceivedFileDescriptors();
        }

        @Override
        boolean atEnd() throws IOException {
            return in.read() == -1;
        }

        @Override
        void shutdownOutput() throws IOException {
            // Through junixsocket's channel: java.net.Socket.shutdownOutput (Java 25) checks a
            // connected state that junixsocket's sockets do not set, and says "Socket is not connected".
            socket.getChannel().shutdownOutput();
        }

        @Override
        AFUNIXSocketCredentials peerCredentials() throws IOException {
            return socket.getPeerCredentials();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static final class Seqpacket extends JunixsocketEnd {
        private final AFUNIXDatagramSocket socket;

        Seqpacket(AFUNIXDatagramSocket socket) {
            this.socket = socket;
            socket.setAncillaryReceiveBufferSize(ANCILLARY_ROOM);
        }

        @Override
        void send(byte[] bytes) throws IOException {
            socket.send(new DatagramPacket(bytes, bytes.length));
        }

        @Override
        void send(byte[] bytes, FileDescriptor fd) throws IOException {
            socket.setOutboundFileDescriptors(fd);
            send(bytes);
        }

        @Override
        byte[] receive(int length) throws IOException {
            DatagramPacket p = new DatagramPacket(new byte[Talk.ROOM], Talk.ROOM);
            socket.receive(p);
            return Arrays.copyOf(p.getData(), p.getLength());
        }

        @Override
        FileDescriptor[] receivedDescriptors() throws IOException {
            return socket.getReceivedFileDescriptors();
        }

        @Override
        boolean atEnd() {
            throw new UnsupportedOperationException("junixsocket's SEQPACKET socket is a DatagramSocket: no end of stream");
        }

        @Override
        void shutdownOutput() {
            throw new UnsupportedOperationException("junixsocket's SEQPACKET socket is a DatagramSocket: no shutdown");
        }

        @Override
        AFUNIXSocketCredentials peerCredentials() throws IOException {
            return socket.getPeerCredentials();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** The conversations junixsocket takes part in, on STREAM and on SEQPACKET. */
    static List<Feature> features(boolean stream) {
        return stream
                ? List.of(Feature.MESSAGES, Feature.BOUNDARIES, Feature.END_OF_STREAM, Feature.SHUTDOWN,
                        Feature.PEER_CREDENTIALS, Feature.DESCRIPTORS, Feature.ABSTRACT_ADDRESS)
                : List.of(Feature.MESSAGES, Feature.BOUNDARIES, Feature.PEER_CREDENTIALS, Feature.DESCRIPTORS,
                        Feature.ABSTRACT_ADDRESS);
    }
}
