/* A native echo peer for the Java client of the ping-pong benchmark: listens at PATH with a
 * STREAM or SEQPACKET socket and echoes SIZE-byte messages on each connection, one at a time,
 * until killed. Prints "ready" once listening. Usage: echo TYPE SIZE PATH */
#include "bench.h"
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: echo TYPE SIZE PATH\n");
        return 2;
    }
    size_t size = (size_t) atol(argv[2]);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(argv[3]) >= sizeof address.sun_path) {
        fprintf(stderr, "echo: path longer than %zu bytes: %s\n", sizeof address.sun_path - 1, argv[3]);
        return 2;
    }
    strcpy(address.sun_path, argv[3]);
    int server = socket(AF_UNIX, socket_type(argv[1]) | SOCK_CLOEXEC, 0);
    if (server < 0) die("socket");
    if (bind(server, (struct sockaddr *) &address, sizeof address) < 0) die("bind");
    if (listen(server, 16) < 0) die("listen");
    printf("ready\n");
    fflush(stdout);
    char *buf = calloc(1, size);
    for (;;) {
        int peer = accept4(server, NULL, NULL, SOCK_CLOEXEC);
        if (peer < 0) die("accept");
        while (receive_all(peer, buf, size)) send_all(peer, buf, size);
        close(peer);
    }
}
