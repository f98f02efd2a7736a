/* The unix(7) example's sum server, as the native floor of the sum-sessions benchmark: one
 * client at a time on a SEQPACKET socket at PATH; each message a decimal integer ending in NUL,
 * until "END"; the answer one 12-byte message with the sum. Unlike the example, a client that
 * disconnects without END ends its session instead of making the server spin. Prints "ready"
 * once listening; runs until killed. Usage: sum-server PATH */
#include "bench.h"
#include <sys/un.h>
#include <unistd.h>

enum { BUFFER_SIZE = 12 };

static void serve(int client) {
    char buffer[BUFFER_SIZE];
    int sum = 0;
    for (;;) {
        ssize_t n = recv(client, buffer, sizeof buffer, 0);
        if (n <= 0) return; /* end of stream or error: the session is over */
        buffer[sizeof buffer - 1] = 0;
        if (strcmp(buffer, "END") == 0) break;
        sum += atoi(buffer);
    }
    snprintf(buffer, sizeof buffer, "%d", sum);
    char reply[BUFFER_SIZE] = {0};
    memcpy(reply, buffer, strlen(buffer));
    send(client, reply, sizeof reply, MSG_NOSIGNAL);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: sum-server PATH\n");
        return 2;
    }
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(argv[1]) >= sizeof address.sun_path) {
        fprintf(stderr, "sum-server: path longer than %zu bytes: %s\n", sizeof address.sun_path - 1, argv[1]);
        return 2;
    }
    strcpy(address.sun_path, argv[1]);
    int server = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (server < 0) die("socket");
    if (bind(server, (struct sockaddr *) &address, sizeof address) < 0) die("bind");
    if (listen(server, 64) < 0) die("listen");
    printf("ready\n");
    fflush(stdout);
    for (;;) {
        int client = accept4(server, NULL, NULL, SOCK_CLOEXEC);
        if (client < 0) die("accept");
        serve(client);
        close(client);
    }
}
