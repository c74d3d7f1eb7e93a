/* The floor under any media engine that reads each call's RTP socket once per tick: N sockets on 127.0.0.1, a
 * sender process putting one 172-byte packet (20 ms of G.711) into each every 20 ms, and a reader that does nothing
 * but one recvmmsg(MSG_DONTWAIT) per socket per tick, as Hark's media threads did, on one thread per core. Prints the
 * reader's CPU (user + system, getrusage) per call-second: what reading the packets alone costs, before any media
 * work, to set beside a benchmark's figures.
 *
 * Built with -DFLOOR_URING (and -luring; Debian: liburing-dev) the reader receives as Hark's media threads do now:
 * each thread arms one multishot recvmsg per socket (IORING_RECV_MULTISHOT, buffers from a provided-buffer ring) on a
 * ring set up with DEFER_TASKRUN, and each tick makes one io_uring_enter for all its sockets and walks the completions.
 *
 *   gcc -O2 -o floor floor.c -lpthread                              floor CALLS SECONDS [TICK_MS] [THREADS]
 *   gcc -O2 -DFLOOR_URING -o floor-uring floor.c -luring -lpthread   e.g. floor 200 15 20 2 */
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

#ifdef FLOOR_URING
#include <liburing.h>
#include <sys/mman.h>
#define NBUF 4096
#define BUFSZ 512
static void *reader(void *arg) {
    int shard = (int)(long)arg;
    struct io_uring ring;
    struct io_uring_params p = {0};
    p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_CQSIZE;
    p.cq_entries = 16384;
    int r = io_uring_queue_init_params(1024, &ring, &p);
    if (r < 0) { fprintf(stderr, "io_uring_queue_init: %s\n", strerror(-r)); exit(1); }
    size_t rsz = NBUF * sizeof(struct io_uring_buf);
    struct io_uring_buf_ring *br = mmap(NULL, rsz, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    char *bufs = malloc((size_t)NBUF * BUFSZ);
    struct io_uring_buf_reg reg = {.ring_addr = (unsigned long)br, .ring_entries = NBUF, .bgid = 0};
    r = io_uring_register_buf_ring(&ring, &reg, 0);
    if (r < 0) { fprintf(stderr, "register_buf_ring: %s\n", strerror(-r)); exit(1); }
    io_uring_buf_ring_init(br);
    for (int i = 0; i < NBUF; i++) io_uring_buf_ring_add(br, bufs + (size_t)i * BUFSZ, BUFSZ, i, io_uring_buf_ring_mask(NBUF), i);
    io_uring_buf_ring_advance(br, NBUF);
    static __thread struct msghdr msg;
    msg.msg_namelen = sizeof(struct sockaddr_in);
    for (int c = shard; c < calls; c += threads) {
        struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
        if (!sqe) { io_uring_submit(&ring); sqe = io_uring_get_sqe(&ring); }
        io_uring_prep_recvmsg_multishot(sqe, fds[c], &msg, 0);
        sqe->flags |= IOSQE_BUFFER_SELECT;
        sqe->buf_group = 0;
        sqe->user_data = c;
    }
    io_uring_submit(&ring);
    double start = now();
    long rearmed = 0;
    for (long t = 1; now() - start < seconds; t++) {
        io_uring_get_events(&ring);
        struct io_uring_cqe *cqe;
        unsigned head, n = 0, recycled = 0;
        io_uring_for_each_cqe(&ring, head, cqe) {
            n++;
            if (cqe->res > 0 && (cqe->flags & IORING_CQE_F_BUFFER)) {
                int bid = cqe->flags >> IORING_CQE_BUFFER_SHIFT;
                struct io_uring_recvmsg_out *o = io_uring_recvmsg_validate(bufs + (size_t)bid * BUFSZ, cqe->res, &msg);
                if (o) received[shard]++;
                io_uring_buf_ring_add(br, bufs + (size_t)bid * BUFSZ, BUFSZ, bid, io_uring_buf_ring_mask(NBUF), recycled++);
            }
            if (!(cqe->flags & IORING_CQE_F_MORE)) {
                struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
                io_uring_prep_recvmsg_multishot(sqe, fds[cqe->user_data], &msg, 0);
                sqe->flags |= IOSQE_BUFFER_SELECT;
                sqe->buf_group = 0;
                sqe->user_data = cqe->user_data;
                rearmed++;
            }
        }
        io_uring_buf_ring_advance(br, recycled);
        io_uring_cq_advance(&ring, n);
        if (io_uring_sq_ready(&ring)) io_uring_submit(&ring);
        sleep_until(start + t * tick_ms / 1000.0);
    }
    if (rearmed) fprintf(stderr, "thread %d re-armed %ld multishot receives\n", shard, rearmed);
    return NULL;
}
#else
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
#endif

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
    printf("floor%s: %d calls, %d s, %d ms tick, %d threads: %llu packets read (%.0f%% of sent); CPU user %.2f s + system %.2f s = %.3f ms per call-second\n",
#ifdef FLOOR_URING
           "-uring",
#else
           "",
#endif
           calls, seconds, tick_ms, threads, total, 100.0 * total / (calls * seconds * 50.0), user, sys,
           1000 * (user + sys) / (calls * (double)seconds));
    return 0;
}
