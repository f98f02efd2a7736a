package dev.uds.backend.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.uds.SocketType;
import dev.uds.UnixAddress;
import dev.uds.UnixDomain;
import dev.uds.UnixSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A connect to a full listen backlog waits for room, on a virtual thread too, where the JDK's
 * non-blocking connect gives EAGAIN: the same as a blocking connect(2) and the other backends.
 */
class JdkBacklogConnectTest {

    @Test
    void connectOnAVirtualThreadWaitsForRoomInAFullBacklog() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "uds-jdk");
        UnixAddress address = UnixAddress.of(dir.resolve("s"));
        List<UnixSocket> clients = new ArrayList<>();
        // Compiled for Java 17: the virtual-thread executor (Java 21) is looked up at run time.
        ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        try (UnixSocket server = UnixDomain.backend("jdk").listen(SocketType.STREAM, address, 1)) {
            Future<Integer> connecting = virtual.submit(() -> {
                for (int i = 0; i < 4; i++) { // the kernel queues backlog + 1: the third waits
                    clients.add(UnixDomain.backend("jdk").connect(SocketType.STREAM, address));
                }
                return clients.size();
            });
            Thread.sleep(300);
            assertFalse(connecting.isDone(), "a connect waits while the backlog is full");
            for (int i = 0; i < 4; i++) {
                server.accept().close();
            }
            assertEquals(4, connecting.get(10, TimeUnit.SECONDS));
        } finally {
            virtual.shutdownNow();
            for (UnixSocket client : clients) {
                client.close();
            }
            Files.deleteIfExists(dir.resolve("s"));
            Files.delete(dir);
        }
    }
}
