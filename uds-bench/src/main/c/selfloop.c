/* The C floor of the selfloop benchmark: one thread, one socketpair, SIZE bytes written on one
 * end and read on the other, then back. Prints one JSON record: nanoseconds per round trip,
 * the mean of ROUNDS timed rounds, and the half-spread of those rounds as the error.
 * Usage: selfloop TYPE SIZE SECONDS */
#include "bench.h"

static void round_trip(int a, int b, char *buf, size_t size) {
    send_all(a, buf, size);
    receive_all(b, buf, size);
    send_all(b, buf, size);
    receive_all(a, buf, size);
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: selfloop TYPE SIZE SECONDS\n");
        return 2;
    }
    const char *type = argv[1];
    size_t size = (size_t) atol(argv[2]);
    double seconds = atof(argv[3]);
    int fds[2];
    if (socketpair(AF_UNIX, socket_type(type) | SOCK_CLOEXEC, 0, fds) < 0) die("socketpair");
    char *buf = calloc(1, size);

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
    printf("{\"benchmark\":\"selfloop\",\"backend\":\"c\",\"socketType\":\"%s\",\"size\":%zu,"
           "\"unit\":\"ns/op\",\"score\":%.1f,\"error\":%.1f}\n", type, size, sum / ROUNDS, (worst - best) / 2);
    return 0;
}
