/* The unix(7) example's sum server, as the native floor of the sum-sessions benchmark: one
 * client at a time on a SEQPACKET socket at PATH; each message a decimal integer ending in NUL,
 * until "END"; the answer one 12-byte message with the sum. Unlike the example, a client that
 * disconnects without END ends its session instead of making the server spin. With STREAM, the
 * same messages arrive as one byte stream, each ending at its NUL. Prints "ready" once
 * listening; runs until killed. Usage: sum-server PATH [SEQPACKET|STREAM] */
#include "bench.h"
#include <sys/un.h>
#include <unistd.h>

enum { BUFFER_SIZE = 12 };

/* The next SEQPACKET message into buffer, NUL-terminated; 0 at end of stream or error. */
static int next_packet(int client, char *buffer) {
    ssize_t n = recv(client, buffer, BUFFER_SIZE, 0);
    if (n <= 0) return 0;
    buffer[BUFFER_SIZE - 1] = 0;
    return 1;
}

/* What was read from the STREAM client and not yet parsed: input[start..end). */
static char input[512];
static size_t start, end;

/* The next NUL-ended STREAM message, its first 11 bytes kept; 0 at end of stream or error. */
static int next_in_stream(int client, char *buffer) {
    size_t length = 0;
    for (;;) {
        if (start == end) {
            ssize_t n = recv(client, input, sizeof input, 0);
            if (n <= 0) return 0;
            start = 0;
            end = (size_t) n;
        }
        char c = input[start++];
        if (length < BUFFER_SIZE - 1) buffer[length++] = c;
        if (c == 0) return 1;
        buffer[length] = 0;
    }
}

static void serve(int client, int stream) {
    char buffer[BUFFER_SIZE];
    int sum = 0;
    start = end = 0; /* nothing of the previous client's stream is this one's */
    for (;;) {
        if (!(stream ? next_in_stream(client, buffer) : next_packet(client, buffer))) return;
        if (strcmp(buffer, "END") == 0) break;
        sum += atoi(buffer);
    }
    snprintf(buffer, sizeof buffer, "%d", sum);
    char reply[BUFFER_SIZE] = {0};
    memcpy(reply, buffer, strlen(buffer));
    send(client, reply, sizeof reply, MSG_NOSIGNAL);
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: sum-server PATH [SEQPACKET|STREAM]\n");
        return 2;
    }
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(argv[1]) >= sizeof address.sun_path) {
        fprintf(stderr, "sum-server: path longer than %zu bytes: %s\n", sizeof address.sun_path - 1, argv[1]);
        return 2;
    }
    strcpy(address.sun_path, argv[1]);
    int type = argc == 3 ? socket_type(argv[2]) : SOCK_SEQPACKET;
    int server = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    if (server < 0) die("socket");
    if (bind(server, (struct sockaddr *) &address, sizeof address) < 0) die("bind");
    if (listen(server, 256) < 0) die("listen");
    printf("ready\n");
    fflush(stdout);
    for (;;) {
        int client = accept4(server, NULL, NULL, SOCK_CLOEXEC);
        if (client < 0) die("accept");
        serve(client, type == SOCK_STREAM);
        close(client);
    }
}
