package dev.uds.bench;

import dev.uds.SocketType;
import java.io.IOException;
import java.nio.channels.ByteChannel;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;

/** junixsocket's socket pairs, in blocking mode, as endpoints: the peer users pick today. */
final class JunixsocketEndpoints {
    private JunixsocketEndpoints() {
    }

    static boolean isAvailable() {
        return AFUNIXSocket.isSupported();
    }

    static Endpoint[] pair(SocketType type) throws IOException {
        switch (type) {
            case STREAM: {
                AFUNIXSocketPair<AFUNIXSocketChannel> pair = AFUNIXSocketPair.open();
                return new Endpoint[] {stream(pair.getSocket1()), stream(pair.getSocket2())};
            }
            case DGRAM: {
                AFUNIXSocketPair<AFUNIXDatagramChannel> pair = AFUNIXSocketPair.openDatagram(AFSocketType.SOCK_DGRAM);
                return new Endpoint[] {message(pair.getSocket1()), message(pair.getSocket2())};
            }
            default: {
                AFUNIXSocketPair<AFUNIXDatagramChannel> pair = AFUNIXSocketPair.openDatagram(AFSocketType.SOCK_SEQPACKET);
                return new Endpoint[] {message(pair.getSocket1()), message(pair.getSocket2())};
            }
        }
    }

    private static Endpoint stream(ByteChannel channel) {
        return new ChannelEndpoint(channel, true);
    }

    private static Endpoint message(ByteChannel channel) {
        return new ChannelEndpoint(channel, false);
    }
}
