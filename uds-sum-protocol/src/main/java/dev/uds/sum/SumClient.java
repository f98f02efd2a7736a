package dev.uds.sum;

import dev.uds.BrokenPipeException;
import dev.uds.ConnectionResetException;
import dev.uds.MessageTruncatedException;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixSocket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The sum client of unix(7): sends each argument as its own message, then {@code END}, and
 * reads the server's one reply. It works with this project's server and with the example's C
 * server, and it reads the reply even when the server closed before the client's {@code END}
 * could be written, as the example's server does at {@code DOWN}.
 *
 * <pre>{@code
 * SumReply reply = SumClient.of(SumProtocol.DEFAULT_SOCKET).send(List.of("3", "4"));
 * System.out.println("Result = " + reply.text());   // Result = 7
 * }</pre>
 *
 * @see SumServer
 * @see "unix(7): EXAMPLES"
 */
public final class SumClient {
    private static final System.Logger LOG = System.getLogger(SumClient.class.getName());

    private final Path socket;
    private final SocketType type;
    private final String backend;

    private SumClient(Path socket, SocketType type, String backend) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.type = Objects.requireNonNull(type, "type");
        this.backend = backend;
        if (!type.isConnectionOriented()) {
            throw new IllegalArgumentException("the sum protocol needs a connection: SEQPACKET or STREAM, not " + type);
        }
    }

    /**
     * A SEQPACKET client of the server at {@code socket}, on the default backend.
     *
     * @param socket the server's socket path
     * @return the client
     */
    public static SumClient of(Path socket) {
        return new SumClient(socket, SocketType.SEQPACKET, null);
    }

    /**
     * A copy that uses another socket type.
     *
     * @param value {@link SocketType#SEQPACKET} or {@link SocketType#STREAM}
     * @return the copy
     * @throws IllegalArgumentException for {@link SocketType#DGRAM}
     */
    public SumClient withType(SocketType value) {
        return new SumClient(socket, value, backend);
    }

    /**
     * A copy that uses a named backend.
     *
     * @param value the backend's name, or null for the one {@code dev.uds.UnixDomain} selects
     * @return the copy
     */
    public SumClient withBackend(String value) {
        return new SumClient(socket, type, value);
    }

    /**
     * Runs one session: connects, sends each argument and {@code END}, and reads the reply.
     *
     * @param arguments the numbers (or {@code DOWN}), sent as they are: the server judges them
     * @return the server's reply, a sum or an error
     * @throws dev.uds.ConnectionRefusedException if no server is at the path: "the server is down"
     * @throws dev.uds.AddressTooLongException    if the path is too long for {@code sun_path}
     * @throws ProtocolException                  if the server closed without a reply, or sent a
     *                                            reply that is not 12 bytes
     * @throws IOException                        for any other failure
     */
    public SumReply send(List<String> arguments) throws IOException {
        for (String argument : arguments) {
            if (argument.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an argument cannot contain NUL: " + argument);
            }
        }
        try (UnixSocket connection = new BackendChoice(backend).connect(type, UnixAddress.of(socket))) {
            sendAll(connection, arguments);
            return receiveReply(connection);
        }
    }

    private void sendAll(UnixSocket connection, List<String> arguments) throws IOException {
        try {
            for (String argument : arguments) {
                connection.send(ByteBuffer.wrap(SumProtocol.message(argument)));
            }
            connection.send(ByteBuffer.wrap(SumProtocol.message(SumProtocol.END)));
        } catch (BrokenPipeException | ConnectionResetException e) {
            // The server answered and closed already (the example's server does at DOWN): the
            // reply may be waiting to be read.
            LOG.log(Level.DEBUG, "the server closed before all messages were sent; reading its reply");
        }
    }

    private SumReply receiveReply(UnixSocket connection) throws IOException {
        byte[] reply = new byte[SumProtocol.REPLY_SIZE];
        ByteBuffer buffer = ByteBuffer.wrap(reply);
        try {
            receiveInto(connection, buffer);
        } catch (ConnectionResetException e) {
            // A server that closes with our END unread resets the connection, and Linux reports
            // that pending error before the reply still queued (the example's server at DOWN).
            // The error is reported once: the next receive returns the reply.
            LOG.log(Level.DEBUG, "connection reset with the reply pending; reading it");
            try {
                receiveInto(connection, buffer);
            } catch (ConnectionResetException again) {
                again.addSuppressed(e);
                throw new ProtocolException("the server at " + socket + " reset the connection without a reply");
            }
        }
        if (buffer.position() == 0) {
            throw new ProtocolException("the server at " + socket + " closed the connection without a reply");
        }
        return new SumReply(SumProtocol.replyText(reply, buffer.position()));
    }

    private void receiveInto(UnixSocket connection, ByteBuffer buffer) throws IOException {
        try {
            if (type == SocketType.STREAM) {
                int received = 0;
                while (buffer.hasRemaining() && received >= 0) {
                    received = connection.receive(buffer);
                }
            } else {
                connection.receive(buffer);
            }
        } catch (MessageTruncatedException e) {
            throw new ProtocolException("the server at " + socket + " sent a reply of " + e.messageLength()
                    + " bytes; the sum protocol's reply has " + SumProtocol.REPLY_SIZE);
        }
    }
}
