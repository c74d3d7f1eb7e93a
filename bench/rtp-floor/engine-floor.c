/* The floor under any engine that does what a recorded call needs from Hark, written as lean as C allows: N calls on
 * 127.0.0.1, sender processes (one per 100 calls) putting one 172-byte PCMU packet (20 ms) into each call's socket
 * every 20 ms, and on one thread per core a media loop that, every 20 ms tick:
 *   - makes one io_uring_enter for all its calls' sockets (multishot recvmsg, provided buffers, DEFER_TASKRUN, as
 *     Hark's media threads) and files each packet's payload by sequence number in its call's 64-slot jitter ring;
 *   - per call, plays out the next frame: G.711 decode (table), the voice-activity measure Hark uses (four bands,
 *     a high-pass and a low-pass biquad each, in double, levels in dB against an adaptive floor), the 8 -> 16 kHz
 *     half-band interpolation (17 distinct taps, as Hark's 80 dB design), and appends it to the call's 16 kHz WAV
 *     buffer, written with one pwrite per 7,680 bytes and the header's sizes patched after each (as Hark);
 *   - once a second per call, sends one 172-byte keep-alive packet back to the sender (as Hark while idle).
 * Prints the loop's CPU (user + system, getrusage; the senders are other processes) per call-second of audio played,
 * and how many packets were lost (0 when the machine keeps up). No SIP, no jitter-buffer timing, no DTMF, no events,
 * no locks, no allocation: what any engine must pay at least, to set beside Hark and rtpengine on the same machine.
 *
 *   gcc -O3 -march=native -o engine-floor engine-floor.c -luring -lpthread -lm
 *   engine-floor CALLS SECONDS FOLDER [THREADS]        e.g. engine-floor 200 15 /tmp/engine-floor 2
 * FLOOR_NO_KEEPALIVE=1 leaves out the keep-alives, FLOOR_NO_WRITE=1 the WAV writes, FLOOR_NO_DSP=1 the VAD and the
 * interpolation (each sample doubled instead): to see what each costs. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <liburing.h>
#include <math.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NBUF 4096
#define BUFSZ 512
#define SLOTS 64
#define HALF 17
#define WAVBUF 7680

struct call {
    int fd, wav;
    unsigned short next;
    int started, buffered, ticks;
    long written, played, lost;
    unsigned char filled[SLOTS];
    unsigned char slot[SLOTS][160];
    double x1, x2, h1[4], h2[4], l1[4], l2[4], floor;
    float hist[2 * HALF + 160];
    char buffer[WAVBUF];
};

static int calls, seconds, threads = 2, keepalives = 1, writes = 1, dsp = 1;
static const char *folder;
static struct call *all;
static struct sockaddr_in sender_at;
static short ulaw[256];
static double hb0[4], ha1[4], ha2[4], lb0[4], la1[4], la2[4];
static float taps[HALF];
static long played[64], lost[64];
static __thread unsigned char header[44] = "RIFF\0\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\x80\x3e\0\0\0\x7d\0\0\x02\0\x10\0data";

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

static void design(double hz, int high, double *b0, double *a1, double *a2) {
    double w = 2 * M_PI * hz / 8000, c = cos(w), alpha = sin(w) / (2 * sqrt(0.5)), a0 = 1 + alpha;
    *b0 = (high ? 1 + c : 1 - c) / 2 / a0;
    *a1 = -2 * c / a0;
    *a2 = (1 - alpha) / a0;
}

/* The frame's four band levels and total level; the floor follows the quiet frames. */
static int vad(struct call *k, const short *x) {
    /* The state in locals for the frame (registers), the four bands side by side (one vector). */
    double sum[4] = {0}, h1[4], h2[4], l1[4], l2[4], x1 = k->x1, x2 = k->x2;
    memcpy(h1, k->h1, sizeof h1); memcpy(h2, k->h2, sizeof h2); memcpy(l1, k->l1, sizeof l1); memcpy(l2, k->l2, sizeof l2);
    for (int n = 0; n < 160; n++) {
        double s = x[n], d = s - 2 * x1 + x2;
        for (int b = 0; b < 4; b++) {
            double h = hb0[b] * d - ha1[b] * h1[b] - ha2[b] * h2[b];
            double l = lb0[b] * (h + 2 * h1[b] + h2[b]) - la1[b] * l1[b] - la2[b] * l2[b];
            h2[b] = h1[b]; h1[b] = h; l2[b] = l1[b]; l1[b] = l;
            sum[b] += l * l;
        }
        x2 = x1; x1 = s;
    }
    memcpy(k->h1, h1, sizeof h1); memcpy(k->h2, h2, sizeof h2); memcpy(k->l1, l1, sizeof l1); memcpy(k->l2, l2, sizeof l2);
    k->x1 = x1; k->x2 = x2;
    double total = 0, level[4];
    for (int b = 0; b < 4; b++) { level[b] = 10 * log10(sum[b] / 160 / (32768.0 * 32768.0) + 1e-12); total += sum[b]; }
    double db = 10 * log10(total / 160 / (32768.0 * 32768.0) + 1e-12);
    int speech = db - k->floor > 9 && level[0] + level[1] > level[2] + level[3] - 40;
    k->floor += (db < k->floor ? 0.2 : 0.002) * (db - k->floor);
    return speech;
}

/* 8 -> 16 kHz: the even outputs are the input delayed, the odd ones the half-band's symmetric branch. */
static void upsample(struct call *k, const short *x, short *out) {
    float *h = k->hist, odd[160] = {0};
    for (int n = 0; n < 160; n++) h[2 * HALF + n] = x[n];
    /* Tap by tap over the whole frame: the inner loop runs over contiguous samples and vectorises. */
    for (int i = 0; i < HALF; i++) {
        const float *a = h + HALF - i, *b = h + HALF + 1 + i;
        for (int n = 0; n < 160; n++) odd[n] += taps[i] * (a[n] + b[n]);
    }
    for (int n = 0; n < 160; n++) {
        float o = odd[n] > 32767 ? 32767 : odd[n] < -32768 ? -32768 : odd[n];
        out[2 * n] = (short)h[HALF + n];
        out[2 * n + 1] = (short)(o >= 0 ? o + 0.5f : o - 0.5f); /* rounded inline, not through libm */
    }
    memmove(h, h + 160, 2 * HALF * sizeof(float));
}

static void play(struct call *k) {
    int s = k->next % SLOTS;
    if (!k->filled[s]) {
        /* Missing while a later packet is in: lost, skipped up to it (a real engine would conceal them). */
        int later = 0;
        for (int i = 1; i < SLOTS; i++) later |= k->filled[(k->next + i) % SLOTS];
        if (!later) return;
        while (!k->filled[k->next % SLOTS]) { k->next++; k->lost++; }
        s = k->next % SLOTS;
    }
    short pcm[160], wide[320];
    for (int n = 0; n < 160; n++) pcm[n] = ulaw[k->slot[s][n]];
    k->filled[s] = 0;
    k->next++;
    k->played++;
    if (dsp) {
        vad(k, pcm);
        upsample(k, pcm, wide);
    } else {
        for (int n = 0; n < 160; n++) wide[2 * n] = wide[2 * n + 1] = pcm[n];
    }
    memcpy(k->buffer + k->buffered, wide, sizeof wide);
    k->buffered += sizeof wide;
    if (k->buffered == WAVBUF && !writes) k->buffered = 0;
    if (k->buffered == WAVBUF) {
        pwrite(k->wav, k->buffer, WAVBUF, 44 + k->written);
        k->written += WAVBUF;
        k->buffered = 0;
        /* The header with its two sizes, in one write as Hark's WavWriter does. */
        unsigned int riff = (unsigned int)k->written + 36, data = (unsigned int)k->written;
        memcpy(header + 4, &riff, 4);
        memcpy(header + 40, &data, 4);
        pwrite(k->wav, header, 44, 0);
    }
}

static void arm(struct io_uring *ring, struct msghdr *msg, int c) {
    struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
    if (!sqe) { io_uring_submit(ring); sqe = io_uring_get_sqe(ring); }
    io_uring_prep_recvmsg_multishot(sqe, all[c].fd, msg, 0);
    sqe->flags |= IOSQE_BUFFER_SELECT;
    sqe->buf_group = 0;
    sqe->user_data = c;
}

static void *engine(void *arg) {
    int shard = (int)(long)arg;
    struct io_uring ring;
    struct io_uring_params p = {0};
    p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_CQSIZE;
    p.cq_entries = 16384;
    int r = io_uring_queue_init_params(1024, &ring, &p);
    if (r < 0) { fprintf(stderr, "io_uring_queue_init: %s\n", strerror(-r)); exit(1); }
    struct io_uring_buf_ring *br = mmap(NULL, NBUF * sizeof(struct io_uring_buf), PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    char *bufs = malloc((size_t)NBUF * BUFSZ);
    struct io_uring_buf_reg reg = {.ring_addr = (unsigned long)br, .ring_entries = NBUF, .bgid = 0};
    r = io_uring_register_buf_ring(&ring, &reg, 0);
    if (r < 0) { fprintf(stderr, "register_buf_ring: %s\n", strerror(-r)); exit(1); }
    io_uring_buf_ring_init(br);
    for (int i = 0; i < NBUF; i++) io_uring_buf_ring_add(br, bufs + (size_t)i * BUFSZ, BUFSZ, i, io_uring_buf_ring_mask(NBUF), i);
    io_uring_buf_ring_advance(br, NBUF);
    struct msghdr msg = {.msg_namelen = sizeof(struct sockaddr_in)};
    for (int c = shard; c < calls; c += threads) arm(&ring, &msg, c);
    io_uring_submit(&ring);
    char keepalive[172] = {(char)0x80};
    double start = now();
    for (long t = 1; now() - start < seconds; t++) {
        io_uring_get_events(&ring);
        struct io_uring_cqe *cqe;
        unsigned head, n = 0, recycled = 0;
        io_uring_for_each_cqe(&ring, head, cqe) {
            n++;
            struct call *k = &all[cqe->user_data];
            if (cqe->res > 0 && (cqe->flags & IORING_CQE_F_BUFFER)) {
                int bid = cqe->flags >> IORING_CQE_BUFFER_SHIFT;
                struct io_uring_recvmsg_out *o = io_uring_recvmsg_validate(bufs + (size_t)bid * BUFSZ, cqe->res, &msg);
                unsigned char *rtp = o ? io_uring_recvmsg_payload(o, &msg) : NULL;
                if (rtp && io_uring_recvmsg_payload_length(o, cqe->res, &msg) == 172 && (rtp[0] >> 6) == 2) {
                    unsigned short seq = (unsigned short)(rtp[2] << 8 | rtp[3]);
                    if (!k->started) { k->next = seq; k->started = 1; }
                    if ((unsigned short)(seq - k->next) >= SLOTS && (unsigned short)(seq - k->next) < 0x8000) {
                        /* Further ahead than the ring holds: the oldest go (counted lost). */
                        while ((unsigned short)(seq - k->next) >= SLOTS) {
                            k->lost += k->filled[k->next % SLOTS] ? 1 : 0;
                            k->filled[k->next % SLOTS] = 0;
                            k->next++;
                        }
                    }
                    if ((unsigned short)(seq - k->next) < SLOTS) {
                        memcpy(k->slot[seq % SLOTS], rtp + 12, 160);
                        k->filled[seq % SLOTS] = 1;
                    }
                }
                io_uring_buf_ring_add(br, bufs + (size_t)bid * BUFSZ, BUFSZ, bid, io_uring_buf_ring_mask(NBUF), recycled++);
            }
            if (!(cqe->flags & IORING_CQE_F_MORE)) arm(&ring, &msg, (int)cqe->user_data);
        }
        io_uring_buf_ring_advance(br, recycled);
        io_uring_cq_advance(&ring, n);
        if (io_uring_sq_ready(&ring)) io_uring_submit(&ring);
        for (int c = shard; c < calls; c += threads) {
            struct call *k = &all[c];
            play(k);
            while (k->filled[(k->next + 2) % SLOTS]) play(k); /* three or more waiting: catch up */
            if (++k->ticks % 50 == 0 && keepalives) sendto(k->fd, keepalive, sizeof keepalive, MSG_DONTWAIT, (struct sockaddr *)&sender_at, sizeof sender_at);
        }
        sleep_until(start + t * 0.020);
    }
    for (int c = shard; c < calls; c += threads) { played[shard] += all[c].played; lost[shard] += all[c].lost; }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: engine-floor CALLS SECONDS FOLDER [THREADS]\n"); return 2; }
    calls = atoi(argv[1]); seconds = atoi(argv[2]); folder = argv[3];
    if (argc > 4) threads = atoi(argv[4]);
    keepalives = getenv("FLOOR_NO_KEEPALIVE") == NULL; /* to take the parts apart */
    writes = getenv("FLOOR_NO_WRITE") == NULL;
    dsp = getenv("FLOOR_NO_DSP") == NULL;
    struct rlimit files = {65536, 65536};
    setrlimit(RLIMIT_NOFILE, &files);
    for (int i = 0; i < 256; i++) {
        int u = ~i & 0xFF, t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        ulaw[i] = (short)((u & 0x80) ? 0x84 - t : t - 0x84);
    }
    double edges[5] = {300, 600, 1200, 2400, 3400};
    for (int b = 0; b < 4; b++) { design(edges[b], 1, &hb0[b], &ha1[b], &ha2[b]); design(edges[b + 1], 0, &lb0[b], &la1[b], &la2[b]); }
    for (int i = 0; i < HALF; i++) taps[i] = (float)(0.5 / HALF * (1 - (double)i / HALF)); /* the tap values do not change the cost */
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in at = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bind(s, (struct sockaddr *)&at, sizeof at);
    socklen_t len = sizeof sender_at;
    getsockname(s, (struct sockaddr *)&sender_at, &len);
    all = calloc(calls, sizeof *all);
    struct sockaddr_in *to = calloc(calls, sizeof *to);
    for (int c = 0; c < calls; c++) {
        all[c].fd = socket(AF_INET, SOCK_DGRAM, 0);
        bind(all[c].fd, (struct sockaddr *)&at, sizeof at);
        len = sizeof to[c];
        getsockname(all[c].fd, (struct sockaddr *)&to[c], &len);
        all[c].floor = -60;
        char path[512];
        snprintf(path, sizeof path, "%s/call-%d.wav", folder, c);
        all[c].wav = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
        pwrite(all[c].wav, header, 44, 0);
    }
    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    pthread_t th[64];
    for (int i = 0; i < threads; i++) pthread_create(&th[i], NULL, engine, (void *)(long)i);
    usleep(100000); /* the rings armed before the first packet */
    /* One sender process per 100 calls: a single one sends no more than about 14,000 packets a second here. */
    int senders = (calls + 99) / 100;
    pid_t sender[64];
    for (int w = 0; w < senders; w++) {
        sender[w] = fork();
        if (sender[w] == 0) {
            unsigned char packet[172] = {0x80, 0};
            char drain[512];
            double start = now();
            for (long t = 1;; t++) {
                packet[2] = (unsigned char)(t >> 8); packet[3] = (unsigned char)t;
                for (int i = 0; i < 160; i++) packet[12 + i] = (unsigned char)(t * 7 + i * 13);
                for (int c = w; c < calls; c += senders) sendto(s, packet, sizeof packet, 0, (struct sockaddr *)&to[c], sizeof to[c]);
                while (recv(s, drain, sizeof drain, MSG_DONTWAIT) > 0) {}
                sleep_until(start + t * 0.020);
            }
        }
    }
    long total = 0, dropped = 0;
    for (int i = 0; i < threads; i++) { pthread_join(th[i], NULL); total += played[i]; dropped += lost[i]; }
    getrusage(RUSAGE_SELF, &after);
    for (int w = 0; w < senders; w++) { kill(sender[w], SIGKILL); waitpid(sender[w], NULL, 0); }
    int silent = 0;
    for (int c = 0; c < calls; c++) { close(all[c].wav); silent += all[c].played == 0; }
    if (silent) printf("engine-floor: %d calls got no packet\n", silent);
    double user = (after.ru_utime.tv_sec - before.ru_utime.tv_sec) + (after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6;
    double sys = (after.ru_stime.tv_sec - before.ru_stime.tv_sec) + (after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
    printf("engine-floor: %d calls, %d s, %d threads: %ld frames played (%.1f%% of the ticks), %ld lost; CPU user %.2f s + system %.2f s = %.3f ms per call-second of audio played, %.2f us per call-frame\n",
           calls, seconds, threads, total, 100.0 * total / (calls * seconds * 50.0), dropped, user, sys,
           1000 * (user + sys) / (total / 50.0), 1e6 * (user + sys) / (double)total);
    return silent || total == 0 ? 1 : 0;
}
