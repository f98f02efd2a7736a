/* The C floor of the throughput benchmark: 64 KiB writes one way over a STREAM socketpair to a
 * reader process that discards them. Prints one JSON record in MB/s (10^6 bytes per second).
 * Usage: throughput SECONDS */
#include "bench.h"
#include <sys/wait.h>
#include <unistd.h>

enum { BLOCK = 64 * 1024 };

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: throughput SECONDS\n");
        return 2;
    }
    double seconds = atof(argv[1]);
    int fds[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) < 0) die("socketpair");
    static char buf[BLOCK];
    pid_t reader = fork();
    if (reader < 0) die("fork");
    if (reader == 0) {
        close(fds[0]);
        while (recv(fds[1], buf, sizeof buf, 0) > 0) {
        }
        _exit(0);
    }
    close(fds[1]);
    long long warm_end = now_ns() + 200000000LL;
    while (now_ns() < warm_end) send_all(fds[0], buf, BLOCK);
    long long start = now_ns(), end = start + (long long) (seconds * 1e9);
    long long bytes = 0;
    while (now_ns() < end) {
        send_all(fds[0], buf, BLOCK);
        bytes += BLOCK;
    }
    double elapsed = (now_ns() - start) / 1e9;
    close(fds[0]);
    waitpid(reader, NULL, 0);
    printf("{\"benchmark\":\"throughput\",\"backend\":\"c\",\"socketType\":\"STREAM\",\"size\":%d,"
           "\"unit\":\"MB/s\",\"score\":%.1f,\"error\":0}\n", BLOCK, bytes / elapsed / 1e6);
    return 0;
}
