/* The C floor of the selfloop benchmark: one thread, one socketpair, SIZE bytes written on one
 * end and read on the other, then back. Prints one JSON record: nanoseconds per round trip,
 * the mean of ROUNDS timed rounds, and the half-spread of those rounds as the error.
 * Usage: selfloop TYPE SIZE SECONDS [threaded]
 *        selfloop serve
 *
 * With "serve", it reads requests "TYPE SIZE SECONDS" from standard input, one per line, and
 * answers each with its record, until end of input: a benchmark JVM keeps one such process to
 * take a C figure right before each of its measured iterations (SelfLoopBenchmark), without
 * starting a process, and allocating on its heap, each time.
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

/* Measures the loop for SECONDS on a new socketpair and prints its record. */
static void measure(const char *type, size_t size, double seconds, int threaded) {
    int fds[2];
    if (socketpair(AF_UNIX, socket_type(type) | SOCK_CLOEXEC, 0, fds) < 0) die("socketpair");
    char *buf = calloc(1, size);
    if (buf == NULL) die("calloc");

    /* Warm-up and calibration: 0.2 s, or a quarter of a shorter measurement. */
    double calibrate_seconds = seconds / 4 < 0.2 ? seconds / 4 : 0.2;
    long long calibrate_start = now_ns();
    long calibrate = 0;
    while (now_ns() - calibrate_start < (long long) (calibrate_seconds * 1e9)) {
        round_trip(fds[0], fds[1], buf, size);
        calibrate++;
    }
    enum { ROUNDS = 5 };
    long per_round = (long) (calibrate / calibrate_seconds * seconds / ROUNDS) + 1;
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
    fflush(stdout);
    free(buf);
    close(fds[0]);
    close(fds[1]);
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "serve") == 0) {
        char type[16];
        size_t size;
        double seconds;
        while (scanf("%15s %zu %lf", type, &size, &seconds) == 3) measure(type, size, seconds, 0);
        return 0;
    }
    int threaded = argc == 5 && strcmp(argv[4], "threaded") == 0;
    if (argc != 4 && !threaded) {
        fprintf(stderr, "usage: selfloop TYPE SIZE SECONDS [threaded]\n       selfloop serve\n");
        return 2;
    }
    pthread_t idler;
    if (threaded && (errno = pthread_create(&idler, NULL, idle, NULL)) != 0) die("pthread_create");
    measure(argv[1], (size_t) atol(argv[2]), atof(argv[3]), threaded);
    return 0;
}
