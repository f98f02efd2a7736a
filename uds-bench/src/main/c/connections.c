/* The clients of the many-connections benchmark: opens COUNT STREAM connections to the server at
 * PATH and has each one echoed once (one byte there and back), so that the server holds them all,
 * each with its reader parked again; prints "connected COUNT SECONDS". Then, on the line "probe"
 * on standard input, times PROBES new clients one after the other (connect, one byte echoed,
 * close) and prints "probe MICROSECONDS" for each and "done". Holds the COUNT connections until
 * standard input ends. Raises its soft descriptor limit to the hard one first.
 * Usage: connections PATH COUNT PROBES */
#include "bench.h"
#include <sys/resource.h>
#include <sys/un.h>
#include <unistd.h>

static struct sockaddr_un address = {.sun_family = AF_UNIX};

static int connected(void) {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket");
    if (connect(fd, (struct sockaddr *) &address, sizeof address) < 0) die(address.sun_path);
    return fd;
}

static void echo_once(int fd) {
    char byte = 'x';
    send_all(fd, &byte, 1);
    if (!receive_all(fd, &byte, 1)) {
        fprintf(stderr, "connections: the server closed a connection instead of echoing\n");
        exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: connections PATH COUNT PROBES\n");
        return 2;
    }
    if (strlen(argv[1]) >= sizeof address.sun_path) {
        fprintf(stderr, "connections: path longer than %zu bytes: %s\n", sizeof address.sun_path - 1, argv[1]);
        return 2;
    }
    strcpy(address.sun_path, argv[1]);
    int count = atoi(argv[2]), probes = atoi(argv[3]);
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) < 0) die("getrlimit");
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < (rlim_t) count + 16) {
        fprintf(stderr, "connections: %d connections need %d descriptors; the hard limit (ulimit -Hn) is %llu\n",
                count, count + 16, (unsigned long long) limit.rlim_max);
        return 1;
    }
    limit.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) < 0) die("setrlimit");
    int *fds = malloc((size_t) count * sizeof *fds);
    if (fds == NULL) die("malloc");
    long long start = now_ns();
    for (int i = 0; i < count; i++) {
        fds[i] = connected();
        echo_once(fds[i]);
    }
    printf("connected %d %.3f\n", count, (now_ns() - start) / 1e9);
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin) != NULL) {
        if (strncmp(line, "probe", 5) != 0) continue;
        for (int p = 0; p < probes; p++) {
            long long t = now_ns();
            int fd = connected();
            echo_once(fd);
            close(fd);
            printf("probe %.1f\n", (now_ns() - t) / 1e3);
        }
        printf("done\n");
        fflush(stdout);
    }
    for (int i = 0; i < count; i++) close(fds[i]);
    return 0;
}
