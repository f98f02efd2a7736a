/* The C floor of the batch benchmark: one thread, one socketpair, BATCH messages of SIZE bytes
 * sent with one sendmmsg(2) on one end and received with recvmmsg(2) (MSG_WAITFORONE, as uds
 * does) on the other, the vectors set up once. Prints one JSON record: nanoseconds per batch,
 * the mean of ROUNDS timed rounds, and the half-spread of those rounds as the error.
 * Usage: batchloop TYPE SIZE BATCH SECONDS [gain]
 *        batchloop serve
 *
 * With "gain", it measures how much faster the batch calls are than the one-at-a-time loop
 * (send(2) and recv(2) per message) in C itself: ROUNDS windows of each, alternating, and prints
 * the ratio of their sums, single over batch, with the half-spread of the per-round ratios, and
 * the ratio of their best windows ("best"). That is the most any library can gain from batches
 * on this machine.
 *
 * With "serve", it reads requests "TYPE SIZE BATCH SECONDS" from standard input, one per line,
 * and answers each with its record, until end of input: BatchBenchmark keeps one such process
 * to take a C figure right before each of its measured iterations, as SelfLoopBenchmark does
 * with selfloop. */
#include "bench.h"
#include <sys/uio.h>
#include <unistd.h>

enum { MAX_BATCH = 1024 };

static struct mmsghdr out[MAX_BATCH], in[MAX_BATCH];
static struct iovec out_iov[MAX_BATCH], in_iov[MAX_BATCH];

/* One batch across: every message sent, then received, whatever the count each call returns. */
static void batch_across(int a, int b, unsigned batch) {
    unsigned sent = 0;
    while (sent < batch) {
        int n = sendmmsg(a, out + sent, batch - sent, MSG_NOSIGNAL);
        if (n < 0) die("sendmmsg");
        sent += (unsigned) n;
    }
    unsigned received = 0;
    while (received < batch) {
        int n = recvmmsg(b, in + received, batch - received, MSG_TRUNC | MSG_WAITFORONE, NULL);
        if (n < 0) die("recvmmsg");
        received += (unsigned) n;
    }
}

/* The same messages one at a time. */
static void single_across(int a, int b, unsigned batch, size_t size) {
    for (unsigned i = 0; i < batch; i++) send_all(a, out_iov[i].iov_base, size);
    for (unsigned i = 0; i < batch; i++) receive_all(b, in_iov[i].iov_base, size);
}

static void across(int a, int b, unsigned batch, size_t size, int single) {
    if (single) single_across(a, b, batch, size);
    else batch_across(a, b, batch);
}

/* Nanoseconds per operation over COUNT operations. */
static double timed(int a, int b, unsigned batch, size_t size, int single, long count) {
    long long start = now_ns();
    for (long i = 0; i < count; i++) across(a, b, batch, size, single);
    return (double) (now_ns() - start) / count;
}

/* Measures for SECONDS on a new socketpair and prints the record. */
static void measure(const char *type, size_t size, unsigned batch, double seconds, int gain) {
    if (batch < 1 || batch > MAX_BATCH) {
        fprintf(stderr, "batch must be 1 to %d\n", MAX_BATCH);
        exit(2);
    }
    int fds[2];
    if (socketpair(AF_UNIX, socket_type(type) | SOCK_CLOEXEC, 0, fds) < 0) die("socketpair");
    char *data = calloc(2 * (size_t) batch, size ? size : 1);
    if (data == NULL) die("calloc");
    for (unsigned i = 0; i < batch; i++) {
        out_iov[i] = (struct iovec) { data + i * size, size };
        in_iov[i] = (struct iovec) { data + (batch + i) * size, size };
        out[i] = (struct mmsghdr) { .msg_hdr = { .msg_iov = &out_iov[i], .msg_iovlen = 1 } };
        in[i] = (struct mmsghdr) { .msg_hdr = { .msg_iov = &in_iov[i], .msg_iovlen = 1 } };
    }

    /* Warm-up and calibration: 0.2 s, or a quarter of a shorter measurement. */
    double calibrate_seconds = seconds / 4 < 0.2 ? seconds / 4 : 0.2;
    long long calibrate_start = now_ns();
    long calibrate = 0;
    while (now_ns() - calibrate_start < (long long) (calibrate_seconds * 1e9)) {
        batch_across(fds[0], fds[1], batch);
        calibrate++;
    }
    enum { ROUNDS = 5, GAIN_ROUNDS = 20 };
    if (gain) {
        long per_window = (long) (calibrate / calibrate_seconds * seconds / (2 * GAIN_ROUNDS)) + 1;
        double batch_sum = 0, single_sum = 0, low = 1e18, high = 0, batch_best = 1e18, single_best = 1e18;
        for (int r = 0; r < GAIN_ROUNDS; r++) {
            double b = timed(fds[0], fds[1], batch, size, 0, per_window);
            double s = timed(fds[0], fds[1], batch, size, 1, per_window);
            batch_sum += b;
            single_sum += s;
            if (s / b < low) low = s / b;
            if (s / b > high) high = s / b;
            if (b < batch_best) batch_best = b;
            if (s < single_best) single_best = s;
        }
        printf("{\"benchmark\":\"batch.gain\",\"backend\":\"c\",\"socketType\":\"%s\",\"size\":%zu,\"batch\":%u,"
               "\"unit\":\"× single\",\"score\":%.3f,\"error\":%.3f,\"best\":%.3f,\"batchBestNs\":%.1f,"
               "\"singleBestNs\":%.1f}\n", type, size, batch, single_sum / batch_sum, (high - low) / 2,
               single_best / batch_best, batch_best, single_best);
        fflush(stdout);
        free(data);
        close(fds[0]);
        close(fds[1]);
        return;
    }
    long per_round = (long) (calibrate / calibrate_seconds * seconds / ROUNDS) + 1;
    double best = 1e18, worst = 0, sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        double ns = timed(fds[0], fds[1], batch, size, 0, per_round);
        sum += ns;
        if (ns < best) best = ns;
        if (ns > worst) worst = ns;
    }
    printf("{\"benchmark\":\"batch\",\"backend\":\"c\",\"socketType\":\"%s\",\"size\":%zu,\"batch\":%u,"
           "\"unit\":\"ns/op\",\"score\":%.1f,\"error\":%.1f}\n", type, size, batch, sum / ROUNDS, (worst - best) / 2);
    fflush(stdout);
    free(data);
    close(fds[0]);
    close(fds[1]);
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "serve") == 0) {
        char type[16];
        size_t size;
        unsigned batch;
        double seconds;
        while (scanf("%15s %zu %u %lf", type, &size, &batch, &seconds) == 4) measure(type, size, batch, seconds, 0);
        return 0;
    }
    int gain = argc == 6 && strcmp(argv[5], "gain") == 0;
    if (argc != 5 && !gain) {
        fprintf(stderr, "usage: batchloop TYPE SIZE BATCH SECONDS [gain]\n       batchloop serve\n");
        return 2;
    }
    measure(argv[1], (size_t) atol(argv[2]), (unsigned) atoi(argv[3]), atof(argv[4]), gain);
    return 0;
}
