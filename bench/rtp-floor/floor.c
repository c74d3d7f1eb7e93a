/* The floor under any media engine that reads each call's RTP socket once per tick: N sockets on 127.0.0.1, a
 * sender process putting one 172-byte packet (20 ms of G.711) into each every 20 ms, and a reader that does nothing
 * but one recvmmsg(MSG_DONTWAIT) per socket per tick, as Hark's media threads do, on one thread per core. Prints the
 * reader's CPU (user + system, getrusage) per call-second: what reading the packets alone costs, before any media
 * work, to set beside a benchmark's figures.
 *
 * Usage: floor CALLS SECONDS [TICK_MS] [THREADS]      e.g. floor 200 20 20 2 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int calls, seconds, tick_ms = 20, threads = 2;
static int *fds;
static unsigned long long received[64];

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void sleep_until(double at) {
    double d = at - now();
    if (d > 0) {
        struct timespec t = {(time_t)d, (long)((d - (time_t)d) * 1e9)};
        nanosleep(&t, NULL);
    }
}

static void *reader(void *arg) {
    int shard = (int)(long)arg;
    static __thread char buffers[8][2048];
    struct iovec iov[8];
    struct mmsghdr m[8];
    struct sockaddr_storage names[8];
    for (int i = 0; i < 8; i++) {
        iov[i] = (struct iovec){buffers[i], 2048};
        m[i] = (struct mmsghdr){.msg_hdr = {.msg_name = &names[i], .msg_iov = &iov[i], .msg_iovlen = 1}};
    }
    double start = now();
    for (long t = 1; now() - start < seconds; t++) {
        for (int c = shard; c < calls; c += threads) {
            for (int i = 0; i < 8; i++) m[i].msg_hdr.msg_namelen = sizeof names[i];
            int n = recvmmsg(fds[c], m, 8, MSG_DONTWAIT, NULL);
            if (n > 0) received[shard] += n;
        }
        sleep_until(start + t * tick_ms / 1000.0);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: floor CALLS SECONDS [TICK_MS] [THREADS]\n"); return 2; }
    calls = atoi(argv[1]); seconds = atoi(argv[2]);
    if (argc > 3) tick_ms = atoi(argv[3]);
    if (argc > 4) threads = atoi(argv[4]);
    struct rlimit files = {65536, 65536};
    setrlimit(RLIMIT_NOFILE, &files);
    fds = calloc(calls, sizeof *fds);
    struct sockaddr_in *to = calloc(calls, sizeof *to);
    for (int c = 0; c < calls; c++) {
        fds[c] = socket(AF_INET, SOCK_DGRAM, 0);
        struct sockaddr_in at = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
        bind(fds[c], (struct sockaddr *)&at, sizeof at);
        socklen_t len = sizeof to[c];
        getsockname(fds[c], (struct sockaddr *)&to[c], &len);
    }
    pid_t sender = fork();
    if (sender == 0) {
        int s = socket(AF_INET, SOCK_DGRAM, 0);
        char packet[172] = {0x80};
        double start = now();
        for (long t = 1;; t++) {
            for (int c = 0; c < calls; c++) sendto(s, packet, sizeof packet, 0, (struct sockaddr *)&to[c], sizeof to[c]);
            sleep_until(start + t * 0.020);
        }
    }
    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    pthread_t th[64];
    for (int i = 0; i < threads; i++) pthread_create(&th[i], NULL, reader, (void *)(long)i);
    unsigned long long total = 0;
    for (int i = 0; i < threads; i++) { pthread_join(th[i], NULL); total += received[i]; }
    getrusage(RUSAGE_SELF, &after);
    kill(sender, SIGKILL);
    waitpid(sender, NULL, 0);
    double user = (after.ru_utime.tv_sec - before.ru_utime.tv_sec) + (after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6;
    double sys = (after.ru_stime.tv_sec - before.ru_stime.tv_sec) + (after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
    printf("floor: %d calls, %d s, %d ms tick, %d threads: %llu packets read (%.0f%% of sent); CPU user %.2f s + system %.2f s = %.3f ms per call-second\n",
           calls, seconds, tick_ms, threads, total, 100.0 * total / (calls * seconds * 50.0), user, sys,
           1000 * (user + sys) / (calls * (double)seconds));
    return 0;
}
