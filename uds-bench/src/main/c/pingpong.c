/* The C floor of the ping-pong benchmark: a client and an echo process on a socketpair, SIZE
 * bytes each way. Prints two JSON records, the 50th and 99th percentiles of the round trip in
 * microseconds. Usage: pingpong TYPE SIZE SECONDS */
#include "bench.h"
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static int compare(const void *a, const void *b) {
    long long x = *(const long long *) a, y = *(const long long *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: pingpong TYPE SIZE SECONDS\n");
        return 2;
    }
    const char *type = argv[1];
    size_t size = (size_t) atol(argv[2]);
    double seconds = atof(argv[3]);
    int fds[2];
    if (socketpair(AF_UNIX, socket_type(type) | SOCK_CLOEXEC, 0, fds) < 0) die("socketpair");
    char *buf = calloc(1, size);
    pid_t echo = fork();
    if (echo < 0) die("fork");
    if (echo == 0) {
        close(fds[0]);
        while (receive_all(fds[1], buf, size)) send_all(fds[1], buf, size);
        _exit(0);
    }
    close(fds[1]);
    size_t capacity = 1 << 22, count = 0;
    long long *samples = malloc(capacity * sizeof *samples);
    long long end = now_ns() + (long long) (seconds * 1e9), warm = now_ns() + 200000000LL;
    for (long long t = now_ns(); t < end && count < capacity; ) {
        send_all(fds[0], buf, size);
        receive_all(fds[0], buf, size);
        long long after = now_ns();
        if (after > warm) samples[count++] = after - t;
        t = after;
    }
    close(fds[0]);
    kill(echo, SIGTERM); /* a DGRAM peer never sees end of stream when this end closes */
    waitpid(echo, NULL, 0);
    qsort(samples, count, sizeof *samples, compare);
    printf("{\"benchmark\":\"pingpong.p50\",\"backend\":\"c\",\"socketType\":\"%s\",\"size\":%zu,"
           "\"unit\":\"us/op\",\"score\":%.3f,\"error\":0}\n", type, size, samples[count / 2] / 1000.0);
    printf("{\"benchmark\":\"pingpong.p99\",\"backend\":\"c\",\"socketType\":\"%s\",\"size\":%zu,"
           "\"unit\":\"us/op\",\"score\":%.3f,\"error\":0}\n", type, size, samples[count * 99 / 100] / 1000.0);
    return 0;
}
