/*
 * sum-server: a SEQPACKET server of the sum protocol that behaves as the unix(7) example's
 * does, written from the man page's description to test the Java client against it: one client
 * at a time, the sum of its messages sent as 12 bytes at END, and at DOWN the reply at once, the
 * connection closed and the server gone (so the client's END may meet EPIPE).
 *
 *   sum-server SOCKET
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define REPLY_SIZE 12

int main(int argc, char *argv[])
{
    if (argc != 2) {
        fprintf(stderr, "usage: sum-server SOCKET\n");
        return 2;
    }
    struct sockaddr_un address;
    if (strlen(argv[1]) >= sizeof(address.sun_path)) {
        fprintf(stderr, "socket path too long: %s\n", argv[1]);
        return 2;
    }
    memset(&address, 0, sizeof(address));
    address.sun_family = AF_UNIX;
    memcpy(address.sun_path, argv[1], strlen(argv[1]) + 1);

    int listener = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    if (listener == -1 || bind(listener, (struct sockaddr *) &address, sizeof(address)) == -1
            || listen(listener, 20) == -1) {
        perror("sum-server");
        return 1;
    }
    int down = 0;
    while (!down) {
        int session = accept(listener, NULL, NULL);
        if (session == -1) {
            perror("accept");
            break;
        }
        long sum = 0;
        char message[REPLY_SIZE];
        for (;;) {
            ssize_t n = read(session, message, sizeof(message));
            if (n <= 0) {
                break;
            }
            message[sizeof(message) - 1] = '\0';
            if (strcmp(message, "DOWN") == 0) {
                down = 1;
                break;
            }
            if (strcmp(message, "END") == 0) {
                break;
            }
            sum += atoi(message);
        }
        char reply[REPLY_SIZE];
        memset(reply, 0, sizeof(reply));
        snprintf(reply, sizeof(reply), "%ld", sum);
        if (write(session, reply, sizeof(reply)) == -1) {
            perror("write");
        }
        close(session);
    }
    close(listener);
    unlink(argv[1]);
    return 0;
}
