package dev.uds.net.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uds.UnixAddress;
import dev.uds.net.UnixSocketFactory;
import dev.uds.testsupport.peers.NginxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OkHttp, given a {@link UnixSocketFactory} as its {@code SocketFactory}, against nginx listening
 * on a Unix socket only, on each backend: a 10 MiB file whose digest is compared, a 404, and
 * 1,000 requests that nginx's access log shows on one kept-alive connection.
 *
 * <p>OkHttp asks the factory for an unconnected socket and connects it to the address it resolved
 * for the URL's host; the factory's sockets ignore that address and connect to nginx's socket.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OkHttpNginxTest {
    private static final int FILE_BYTES = 10 << 20;
    private static final int KEEP_ALIVE_REQUESTS = 1_000;

    private static NginxServer nginx;
    private static byte[] file;

    @BeforeAll
    static void startNginx() throws Exception {
        nginx = NginxServer.start();
        file = new byte[FILE_BYTES];
        new Random(18).nextBytes(file);
        Files.write(nginx.root().resolve("ten-mebibytes.bin"), file);
        Files.writeString(nginx.root().resolve("small.txt"), "served over a Unix socket\n");
    }

    @AfterAll
    static void stopNginx() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.uds.net.peers.PeerBackends#all")
    void aTenMebibyteFileArrivesWhole(String backend) throws Exception {
        OkHttpClient client = client(backend);
        try (Response response = client.newCall(get("/ten-mebibytes.bin")).execute()) {
            assertEquals(200, response.code());
            assertEquals(Long.toString(FILE_BYTES), response.header("Content-Length"));
            byte[] body = response.body().bytes();
            assertEquals(FILE_BYTES, body.length);
            assertArrayEquals(sha256(file), sha256(body), "the SHA-256 of the file served and of the body read");
        } finally {
            close(client);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.uds.net.peers.PeerBackends#all")
    void aMissingFileIsA404(String backend) throws Exception {
        OkHttpClient client = client(backend);
        try (Response response = client.newCall(get("/no-such-file")).execute()) {
            assertEquals(404, response.code());
            assertTrue(response.body().string().contains("404 Not Found"));
        } finally {
            close(client);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.uds.net.peers.PeerBackends#all")
    void aThousandRequestsShareOneKeptAliveConnection(String backend) throws Exception {
        String path = "/small.txt?" + backend;
        int before = smallFileLines().size(); // earlier tests' requests
        OkHttpClient client = client(backend);
        try {
            for (int i = 0; i < KEEP_ALIVE_REQUESTS; i++) {
                try (Response response = client.newCall(get(path)).execute()) {
                    assertEquals(200, response.code());
                    assertEquals("served over a Unix socket\n", response.body().string());
                }
            }
            assertEquals(1, client.connectionPool().connectionCount(), "OkHttp's pool holds one connection");
        } finally {
            close(client);
        }
        // nginx's own count: its connection serial and the request's number on that connection.
        // nginx writes a request's line after it has sent the response, so the last lines may
        // come a moment after the client has read the last response: wait for all of them.
        List<String> lines = smallFileLines();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lines.size() < before + KEEP_ALIVE_REQUESTS && System.nanoTime() < deadline) {
            Thread.sleep(10);
            lines = smallFileLines();
        }
        assertTrue(lines.size() >= before + KEEP_ALIVE_REQUESTS, "nginx logged " + (lines.size() - before)
                + " of the " + KEEP_ALIVE_REQUESTS + " requests");
        Set<String> connections = new HashSet<>();
        int lastOnConnection = 0;
        for (String line : lines.subList(before, before + KEEP_ALIVE_REQUESTS)) {
            String[] fields = line.split(" ");
            connections.add(fields[0]);
            lastOnConnection = Integer.parseInt(fields[1]);
        }
        assertEquals(1, connections.size(), "nginx served the " + KEEP_ALIVE_REQUESTS + " requests on connections "
                + connections);
        assertEquals(KEEP_ALIVE_REQUESTS, lastOnConnection, "the last request's number on its connection");
    }

    /**
     * A client whose every connection is a uds socket to nginx. On {@code jdk}, whose sockets have
     * no receive timeout (the view refuses a non-zero {@code SO_TIMEOUT}), OkHttp's read timeout
     * is off; elsewhere it is OkHttp's default.
     */
    private static OkHttpClient client(String backend) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .socketFactory(UnixSocketFactory.of(backend, UnixAddress.of(nginx.socketPath())));
        if (backend.equals("jdk")) {
            builder.readTimeout(Duration.ZERO);
        }
        return builder.build();
    }

    /** The host and port are OkHttp's to resolve; the socket goes to nginx's Unix socket whatever they are. */
    private static Request get(String path) {
        return new Request.Builder().url("http://localhost" + path).build();
    }

    /** Closes the client's connections and stops its threads, so that nothing stays open after a test. */
    private static void close(OkHttpClient client) throws IOException {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    /** The access log's lines of requests for the small file, in the order nginx served them. */
    private static List<String> smallFileLines() throws IOException {
        return nginx.accessLog().stream().filter(line -> line.contains(" /small.txt ")).toList();
    }
}
