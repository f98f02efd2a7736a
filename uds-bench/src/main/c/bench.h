/* Shared by the native floor programs of uds-bench: socket type names, timing, failing loudly. */
#ifndef UDS_BENCH_H
#define UDS_BENCH_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static inline void die(const char *what) {
    fprintf(stderr, "%s: %s\n", what, strerror(errno));
    exit(1);
}

static inline int socket_type(const char *name) {
    if (strcmp(name, "STREAM") == 0) return SOCK_STREAM;
    if (strcmp(name, "DGRAM") == 0) return SOCK_DGRAM;
    if (strcmp(name, "SEQPACKET") == 0) return SOCK_SEQPACKET;
    fprintf(stderr, "unknown socket type %s (STREAM, DGRAM, SEQPACKET)\n", name);
    exit(2);
}

static inline long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Sends all of buf: one message for DGRAM and SEQPACKET, a loop for STREAM. */
static inline void send_all(int fd, const char *buf, size_t len) {
    size_t sent = 0;
    while (sent < len) {
        ssize_t n = send(fd, buf + sent, len - sent, MSG_NOSIGNAL);
        if (n < 0) die("send");
        sent += (size_t) n;
    }
}

/* Receives exactly len bytes: one message, or a loop for STREAM. Returns 0 at end of stream. */
static inline int receive_all(int fd, char *buf, size_t len) {
    size_t got = 0;
    while (got < len) {
        ssize_t n = recv(fd, buf + got, len - got, 0);
        if (n < 0) die("recv");
        if (n == 0) return 0;
        got += (size_t) n;
    }
    return 1;
}

#endif
