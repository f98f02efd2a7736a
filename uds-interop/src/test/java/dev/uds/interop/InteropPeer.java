package dev.uds.interop;

import dev.uds.Backend;
import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child JVM of the matrix: a {@link ChildPeer} on the backend {@code -Duds.backend} names,
 * started with the test JVM's class path. It takes one half per command until its input ends.
 */
public final class InteropPeer {
    private InteropPeer() {
    }

    /**
     * Serves commands from standard input.
     *
     * @param args none
     * @throws Exception if standard input cannot be read
     */
    public static void main(String[] args) throws Exception {
        Backend backend = UnixDomain.backend(System.getProperty("uds.backend"));
        // Answers go to the real standard output alone; anything else printed goes to standard error.
        PrintStream answers = System.out;
        System.setOut(System.err);
        answers.println("HELLO");
        answers.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line; (line = in.readLine()) != null; ) {
            String[] w = line.split(" ");
            try (Opened opened = new Opened()) {
                SocketType type = SocketType.valueOf(w[1]);
                Feature feature = Feature.valueOf(w[2]);
                UnixAddress server = Rendezvous.parse(w[3]);
                UnixAddress client = Rendezvous.parse(w[4]);
                Side side = new Side(Identity.of(Long.parseLong(w[6])), Path.of(w[5]), server);
                if (w[0].equals("accepting")) {
                    UnixSocket bound = Rendezvous.bind(backend, type, server, opened);
                    answers.println("READY");
                    answers.flush();
                    feature.accepting(Rendezvous.accept(bound, feature, client, opened), side);
                } else {
                    feature.connecting(Rendezvous.connect(backend, type, feature, server, client, opened), side);
                }
                answers.println("PASS");
            } catch (Throwable t) {
                System.err.println(backend.name() + " peer, command \"" + line + "\":");
                t.printStackTrace();
                answers.println("FAIL " + String.valueOf(t).replace('\n', ' '));
            }
            answers.flush();
        }
    }
}
