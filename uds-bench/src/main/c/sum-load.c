/* The load generator of the server-load benchmark: CLIENTS threads, each running sum sessions of
 * the unix(7) example back to back against the server at PATH (connect, "3", "4", "END", the
 * 12-byte reply, which must read 7, close), for a warm-up window and then WINDOWS windows of
 * SECONDS each. Prints "window RATE CPU" after each window, RATE in sessions per second and CPU
 * the nanoseconds of CPU this process has used so far (its clients' cost), and "done FAILED"
 * at the end, FAILED being the sessions that did not answer 7. The clients run in this process,
 * apart from the server's, so that the server's figure is its own and not its clients'.
 * Usage: sum-load TYPE PATH CLIENTS SECONDS WINDOWS */
#include "bench.h"
#include <pthread.h>
#include <stdatomic.h>
#include <sys/un.h>
#include <unistd.h>

static struct sockaddr_un address = {.sun_family = AF_UNIX};
static int type;
static atomic_long sessions;
static atomic_long failures;
static atomic_int stopping;

/* One session; returns whether the server answered 7. */
static int session(void) {
    int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket");
    if (connect(fd, (struct sockaddr *) &address, sizeof address) < 0) die("connect");
    send_all(fd, "3", 2);
    send_all(fd, "4", 2);
    send_all(fd, "END", 4);
    char reply[12] = {0};
    int answered = receive_all(fd, reply, sizeof reply) && strcmp(reply, "7") == 0;
    close(fd);
    return answered;
}

static void *client(void *unused) {
    (void) unused;
    while (!atomic_load(&stopping)) {
        if (session()) atomic_fetch_add(&sessions, 1);
        else atomic_fetch_add(&failures, 1);
    }
    return NULL;
}

static void sleep_seconds(double seconds) {
    struct timespec t = {.tv_sec = (time_t) seconds, .tv_nsec = (long) ((seconds - (time_t) seconds) * 1e9)};
    while (nanosleep(&t, &t) < 0 && errno == EINTR) {
    }
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: sum-load TYPE PATH CLIENTS SECONDS WINDOWS\n");
        return 2;
    }
    type = socket_type(argv[1]);
    if (strlen(argv[2]) >= sizeof address.sun_path) {
        fprintf(stderr, "sum-load: path longer than %zu bytes: %s\n", sizeof address.sun_path - 1, argv[2]);
        return 2;
    }
    strcpy(address.sun_path, argv[2]);
    int clients = atoi(argv[3]), windows = atoi(argv[5]);
    double seconds = atof(argv[4]);
    pthread_t *threads = calloc((size_t) clients, sizeof *threads);
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, 64 * 1024); /* 256 clients need no 8 MiB stacks */
    for (int i = 0; i < clients; i++) {
        if ((errno = pthread_create(&threads[i], &attributes, client, NULL)) != 0) die("pthread_create");
    }
    sleep_seconds(seconds); /* warm-up: every client connected, the server's code compiled */
    for (int w = 0; w < windows; w++) {
        long before = atomic_load(&sessions);
        long long start = now_ns();
        sleep_seconds(seconds);
        long done = atomic_load(&sessions) - before;
        struct timespec cpu;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
        printf("window %.1f %lld\n", done / ((now_ns() - start) / 1e9), cpu.tv_sec * 1000000000LL + cpu.tv_nsec);
        fflush(stdout);
    }
    atomic_store(&stopping, 1);
    for (int i = 0; i < clients; i++) pthread_join(threads[i], NULL);
    printf("done %ld\n", atomic_load(&failures));
    return 0;
}
