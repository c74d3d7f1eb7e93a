/* What writing the recordings alone costs: N WAV files, 16 kHz PCM16 (32,000 bytes a second each) appended as Hark's
 * RecordingWriter does, 12 frames (7,680 bytes, 240 ms) per pwrite and the header's sizes patched after each, on one
 * thread per core, ticking every 20 ms. Prints the CPU (user + system) per call-second.
 * Usage: wav-floor CALLS SECONDS FOLDER [THREADS]      e.g. wav-floor 200 15 /tmp/wav-floor 2 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static int calls, seconds, threads = 2;
static const char *folder;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void *writer(void *arg) {
    int shard = (int)(long)arg, mine = 0;
    for (int c = shard; c < calls; c += threads) mine++;
    int *fds = calloc(mine, sizeof *fds);
    long *written = calloc(mine, sizeof *written);
    int *buffered = calloc(mine, sizeof *buffered);
    char (*buffers)[7680] = calloc(mine, 7680);
    unsigned char header[44] = "RIFF";
    for (int k = 0, c = shard; c < calls; c += threads, k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/call-%d.wav", folder, c);
        fds[k] = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
        pwrite(fds[k], header, 44, 0);
    }
    short frame[320];
    for (int i = 0; i < 320; i++) frame[i] = (short)(i * 37);
    double start = now();
    for (long t = 1; now() - start < seconds; t++) {
        for (int k = 0; k < mine; k++) {
            memcpy(buffers[k] + buffered[k], frame, sizeof frame);
            buffered[k] += sizeof frame;
            if (buffered[k] == 7680) {
                pwrite(fds[k], buffers[k], 7680, 44 + written[k]);
                written[k] += 7680;
                buffered[k] = 0;
                unsigned int size = (unsigned int)written[k];
                memcpy(header + 40, &size, 4);
                pwrite(fds[k], header, 44, 0);
            }
        }
        double d = start + t * 0.020 - now();
        if (d > 0) {
            struct timespec s = {0, (long)(d * 1e9)};
            nanosleep(&s, NULL);
        }
    }
    for (int k = 0; k < mine; k++) close(fds[k]);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: wav-floor CALLS SECONDS FOLDER [THREADS]\n"); return 2; }
    calls = atoi(argv[1]); seconds = atoi(argv[2]); folder = argv[3];
    if (argc > 4) threads = atoi(argv[4]);
    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    pthread_t th[64];
    for (int i = 0; i < threads; i++) pthread_create(&th[i], NULL, writer, (void *)(long)i);
    for (int i = 0; i < threads; i++) pthread_join(th[i], NULL);
    getrusage(RUSAGE_SELF, &after);
    double user = (after.ru_utime.tv_sec - before.ru_utime.tv_sec) + (after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6;
    double sys = (after.ru_stime.tv_sec - before.ru_stime.tv_sec) + (after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
    printf("wav-floor: %d calls, %d s, %d threads, 16 kHz WAV in 7,680-byte writes: CPU user %.2f s + system %.2f s = %.3f ms per call-second\n",
           calls, seconds, threads, user, sys, 1000 * (user + sys) / (calls * (double)seconds));
    return 0;
}
