/* The C client of the tail-latency benchmark: COUNT round trips of SIZE bytes, each timed, after
 * COUNT / 10 untimed ones, against an echo in another process: the C echo forked on a
 * socketpair (the C pair), or, with PATH, the echo peer listening there (a JVM's, to tell which
 * side a tail comes from). Writes the COUNT round-trip times in nanoseconds to OUT as native
 * 64-bit integers, in the order they ran, so that the report computes every side's percentiles
 * alike (TailLatency); then prints "done". Usage: latency TYPE SIZE COUNT OUT [PATH] */
#include "bench.h"
#include <signal.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

/* A client connected to the echo at path. */
static int connect_to(const char *path, int type) {
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof address.sun_path) {
        fprintf(stderr, "latency: path longer than %zu bytes: %s\n", sizeof address.sun_path - 1, path);
        exit(2);
    }
    strcpy(address.sun_path, path);
    int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket");
    if (connect(fd, (struct sockaddr *) &address, sizeof address) < 0) die(path);
    return fd;
}

int main(int argc, char **argv) {
    if (argc != 5 && argc != 6) {
        fprintf(stderr, "usage: latency TYPE SIZE COUNT OUT [PATH]\n");
        return 2;
    }
    int type = socket_type(argv[1]);
    size_t size = (size_t) atol(argv[2]), count = (size_t) atol(argv[3]);
    char *buf = calloc(1, size);
    long long *samples = malloc(count * sizeof *samples);
    if (buf == NULL || samples == NULL) die("malloc");
    pid_t echo = -1;
    int fd;
    if (argc == 6) {
        fd = connect_to(argv[5], type);
    } else {
        int fds[2];
        if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, fds) < 0) die("socketpair");
        echo = fork();
        if (echo < 0) die("fork");
        if (echo == 0) {
            close(fds[0]);
            while (receive_all(fds[1], buf, size)) send_all(fds[1], buf, size);
            _exit(0);
        }
        close(fds[1]);
        fd = fds[0];
    }
    for (size_t i = 0; i < count / 10; i++) {
        send_all(fd, buf, size);
        if (!receive_all(fd, buf, size)) die("echo ended early");
    }
    for (size_t i = 0; i < count; i++) {
        long long start = now_ns();
        send_all(fd, buf, size);
        if (!receive_all(fd, buf, size)) die("echo ended early");
        samples[i] = now_ns() - start;
    }
    close(fd);
    if (echo > 0) {
        kill(echo, SIGTERM); /* a DGRAM peer never sees end of stream when this end closes */
        waitpid(echo, NULL, 0);
    }
    FILE *out = fopen(argv[4], "wb");
    if (out == NULL) die(argv[4]);
    if (fwrite(samples, sizeof *samples, count, out) != count || fclose(out) != 0) die(argv[4]);
    printf("done\n");
    return 0;
}
