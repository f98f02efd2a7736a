/*
 * sum-client: a client of the sum protocol, written from its description (unix(7), EXAMPLES;
 * uds-sum-protocol/README.md and docs/ARCHITECTURE.md) to drive the Java server from another
 * language.
 *
 *   sum-client [-s] SOCKET ARGS...
 *
 * Sends each ARG as its own message of strlen + 1 bytes, then "END", reads the 12-byte reply
 * and prints "Result = <reply>". -s uses SOCK_STREAM instead of SOCK_SEQPACKET.
 * Exit status: 0 with a reply, 1 when nothing listens at SOCKET, 2 for any other failure (a
 * refused permission among them, which it names).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define REPLY_SIZE 12

static int send_message(int fd, const char *text)
{
    size_t length = strlen(text) + 1;
    ssize_t sent = send(fd, text, length, MSG_NOSIGNAL);
    return sent == (ssize_t) length ? 0 : -1;
}

int main(int argc, char *argv[])
{
    int type = SOCK_SEQPACKET;
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "-s") == 0) {
        type = SOCK_STREAM;
        first = 2;
    }
    if (argc <= first) {
        fprintf(stderr, "usage: sum-client [-s] SOCKET ARGS...\n");
        return 2;
    }
    const char *path = argv[first];
    struct sockaddr_un address;
    if (strlen(path) >= sizeof(address.sun_path)) {
        fprintf(stderr, "socket path too long: %s\n", path);
        return 2;
    }
    memset(&address, 0, sizeof(address));
    address.sun_family = AF_UNIX;
    memcpy(address.sun_path, path, strlen(path) + 1);

    int fd = socket(AF_UNIX, type, 0);
    if (fd == -1) {
        perror("socket");
        return 2;
    }
    if (connect(fd, (struct sockaddr *) &address, sizeof(address)) == -1) {
        int error = errno;
        close(fd);
        if (error == ENOENT || error == ECONNREFUSED) {
            fprintf(stderr, "The server is down.\n");
            return 1;
        }
        /* EACCES and the like: a server may be there, this user may not reach it. */
        fprintf(stderr, "connect %s: %s\n", path, strerror(error));
        return 2;
    }
    int i;
    for (i = first + 1; i < argc; i++) {
        if (send_message(fd, argv[i]) == -1) {
            break;
        }
    }
    if (i == argc) {
        send_message(fd, "END");
    }
    /* Read the reply even if a send failed: the server may have answered and closed. */
    char reply[REPLY_SIZE + 1];
    memset(reply, 0, sizeof(reply));
    size_t received = 0;
    while (received < REPLY_SIZE) {
        ssize_t n = recv(fd, reply + received, REPLY_SIZE - received, 0);
        if (n == -1) {
            perror("recv");
            close(fd);
            return 2;
        }
        if (n == 0) {
            break;
        }
        received += (size_t) n;
        if (type == SOCK_SEQPACKET) {
            break;
        }
    }
    close(fd);
    if (received == 0) {
        fprintf(stderr, "no reply\n");
        return 2;
    }
    reply[REPLY_SIZE - 1] = '\0';
    printf("Result = %s\n", reply);
    return 0;
}
