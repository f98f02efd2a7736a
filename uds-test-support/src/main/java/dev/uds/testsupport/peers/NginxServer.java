package dev.uds.testsupport.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An nginx of Debian's {@code nginx} package that serves the files of {@link #root()} on the Unix
 * socket {@link #socketPath()} ({@code listen unix:...}), with its configuration, pid file, logs
 * and temporary paths all in a scratch directory. {@link #close()} stops it and deletes the
 * directory.
 *
 * <p>It runs in the foreground ({@code daemon off}) as one process ({@code master_process off}),
 * so that the process this JVM started is the one that serves and nothing is left behind when it
 * stops. Its access log ({@link #accessLog()}) has one line per request:
 * {@code <connection serial> <request number on that connection> <status> <uri> <body bytes>},
 * which shows whether a client reused its connections (keep-alive).
 */
public final class NginxServer implements AutoCloseable {
    private final Path directory;
    private final ServerProcess process;

    private NginxServer(Path directory, ServerProcess process) {
        this.directory = directory;
        this.process = process;
    }

    /** Starts nginx serving an empty {@link #root()}; files put there later are served as they are. */
    public static NginxServer start() throws IOException, InterruptedException {
        Program nginx = Program.find("nginx", "nginx", "/usr/sbin");
        Path directory = ScratchDirectory.create("nginx");
        try {
            Files.createDirectory(directory.resolve("html"));
            Path configuration = directory.resolve("nginx.conf");
            Files.writeString(configuration, configuration(directory), StandardCharsets.UTF_8);
            Path log = directory.resolve("nginx.out");
            // -e: the error log of the start-up, before the configuration is read (else /var/log/nginx).
            ServerProcess process = ServerProcess.start("nginx (" + directory + ")",
                    nginx.command(List.of(), List.of("-p", directory.toString(), "-c", configuration.toString(),
                            "-e", directory.resolve("error.log").toString())),
                    Map.of(), log, "TERM");
            NginxServer server = new NginxServer(directory, process);
            // nginx writes its pid file after it has bound and is listening on its sockets.
            process.awaitReady(() -> Files.exists(directory.resolve("nginx.pid")) && Files.exists(server.socketPath()),
                    "listening on " + server.socketPath());
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            ScratchDirectory.delete(directory);
            throw e;
        }
    }

    private static String configuration(Path directory) {
        return """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events {
                    worker_connections 256;
                }
                http {
                    default_type application/octet-stream;
                    client_body_temp_path %1$s/temp-body;
                    proxy_temp_path %1$s/temp-proxy;
                    fastcgi_temp_path %1$s/temp-fastcgi;
                    uwsgi_temp_path %1$s/temp-uwsgi;
                    scgi_temp_path %1$s/temp-scgi;
                    log_format connections '$connection $connection_requests $status $uri $body_bytes_sent';
                    access_log %1$s/access.log connections;
                    # Enough requests on one connection for a client to reuse it throughout a test.
                    keepalive_requests 100000;
                    keepalive_timeout 120s;
                    server {
                        listen unix:%1$s/nginx.sock;
                        root %1$s/html;
                    }
                }
                """.formatted(directory);
    }

    /** The Unix socket nginx listens on. */
    public Path socketPath() {
        return directory.resolve("nginx.sock");
    }

    /** The directory nginx serves: {@code GET /name} answers the file {@code name} in it. */
    public Path root() {
        return directory.resolve("html");
    }

    /** The lines of the access log so far, one per request answered (see the class's description). */
    public List<String> accessLog() throws IOException {
        Path log = directory.resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /** Stops nginx (SIGTERM: it closes its connections and exits) and deletes its directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            process.stop();
        } finally {
            ScratchDirectory.delete(directory);
        }
    }
}
