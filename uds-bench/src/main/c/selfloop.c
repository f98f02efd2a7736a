/* The C floor of the selfloop benchmark: one thread, one socketpair, SIZE bytes written on one
 * end and read on the other, then back. Prints one JSON record: nanoseconds per round trip,
 * the mean of ROUNDS timed rounds, and the half-spread of those rounds as the error.
 * Usage: selfloop TYPE SIZE SECONDS [threaded]
 *
 * With "threaded", an idle second thread runs alongside, and the record's backend is
 * "c-threaded". A JVM always has many threads, and a process with more than one takes slower
 * paths for the same loop: the kernel takes a reference on the socket's file at every call (the
 * descriptor table is shared), and glibc's send() and recv(), being cancellation points, switch
 * the thread's cancellation type around each call. This figure shows that cost apart from what a
 * Java library adds. */
#include "bench.h"
#include <pthread.h>
#include <unistd.h>

static void round_trip(int a, int b, char *buf, size_t size) {
    send_all(a, buf, size);
    receive_all(b, buf, size);
    send_all(b, buf, size);
    receive_all(a, buf, size);
}

/* The second thread of a "threaded" run: it only sleeps until the process exits. */
static void *idle(void *unused) {
    (void) unused;
    for (;;) pause();
    return NULL;
}

int main(int argc, char **argv) {
    int threaded = argc == 5 && strcmp(argv[4], "threaded") == 0;
    if (argc != 4 && !threaded) {
        fprintf(stderr, "usage: selfloop TYPE SIZE SECONDS [threaded]\n");
        return 2;
    }
    const char *type = argv[1];
    size_t size = (size_t) atol(argv[2]);
    double seconds = atof(argv[3]);
    int fds[2];
    if (socketpair(AF_UNIX, socket_type(type) | SOCK_CLOEXEC, 0, fds) < 0) die("socketpair");
    char *buf = calloc(1, size);
    pthread_t idler;
    if (threaded && (errno = pthread_create(&idler, NULL, idle, NULL)) != 0) die("pthread_create");

    long long calibrate_start = now_ns();
    long calibrate = 0;
    while (now_ns() - calibrate_start < 200000000LL) { /* warm-up and calibration: 0.2 s */
        round_trip(fds[0], fds[1], buf, size);
        calibrate++;
    }
    enum { ROUNDS = 5 };
    long per_round = (long) (calibrate / 0.2 * seconds / ROUNDS) + 1;
    double best = 1e18, worst = 0, sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        long long start = now_ns();
        for (long i = 0; i < per_round; i++) round_trip(fds[0], fds[1], buf, size);
        double ns = (double) (now_ns() - start) / per_round;
        sum += ns;
        if (ns < best) best = ns;
        if (ns > worst) worst = ns;
    }
    printf("{\"benchmark\":\"selfloop\",\"backend\":\"%s\",\"socketType\":\"%s\",\"size\":%zu,"
           "\"unit\":\"ns/op\",\"score\":%.1f,\"error\":%.1f}\n", threaded ? "c-threaded" : "c", type, size, sum / ROUNDS, (worst - best) / 2);
    return 0;
}
