/* The callers' ears: SIPp's play_pcap_audio sends from raw sockets and binds no port for the RTP and RTCP
 * it advertises, so without a listener every packet Hark sends a caller ends in an ICMP port unreachable,
 * made and delivered inside Hark's send call (loopback) and charged to Hark's CPU. A real phone or SBC
 * reads its media port. This binds each caller's RTP and RTCP port (the ranges given), reads all that
 * arrives in batches and drops it; on SIGTERM it prints what it read.
 *
 * Usage: sink IP LOW HIGH STEP [LOW HIGH STEP ...]   binds LOW, LOW+1, LOW+STEP, LOW+STEP+1, ... below HIGH */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH 64
#define SIZE 2048

static volatile sig_atomic_t stopping;

static void stop(int sig) { (void)sig; stopping = 1; }

int main(int argc, char **argv) {
    if (argc < 5 || (argc - 2) % 3 != 0) {
        fprintf(stderr, "usage: sink IP LOW HIGH STEP [LOW HIGH STEP ...]\n");
        return 2;
    }
    struct rlimit files = {65536, 65536};
    setrlimit(RLIMIT_NOFILE, &files);
    signal(SIGTERM, stop);
    signal(SIGINT, stop);
    int ep = epoll_create1(0);
    int bound = 0;
    for (int a = 2; a + 2 < argc; a += 3) {
        int low = atoi(argv[a]), high = atoi(argv[a + 1]), step = atoi(argv[a + 2]);
        for (int port = low; port + 1 < high; port += step) {
            for (int p = port; p <= port + 1; p++) {
                int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
                struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = htons(p)};
                inet_pton(AF_INET, argv[1], &at.sin_addr);
                if (fd < 0 || bind(fd, (struct sockaddr *)&at, sizeof at) < 0) {
                    fprintf(stderr, "sink: cannot bind %s:%d: %s\n", argv[1], p, strerror(errno));
                    return 1;
                }
                struct epoll_event e = {.events = EPOLLIN, .data.fd = fd};
                epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
                bound++;
            }
        }
    }
    printf("sink: %d ports bound\n", bound);
    fflush(stdout);

    static char buffers[BATCH][SIZE];
    struct iovec iov[BATCH];
    struct mmsghdr messages[BATCH];
    for (int i = 0; i < BATCH; i++) {
        iov[i] = (struct iovec){buffers[i], SIZE};
        messages[i] = (struct mmsghdr){.msg_hdr = {.msg_iov = &iov[i], .msg_iovlen = 1}};
    }
    unsigned long long packets = 0, bytes = 0;
    struct epoll_event ready[BATCH];
    while (!stopping) {
        int n = epoll_wait(ep, ready, BATCH, 500);
        for (int i = 0; i < n; i++) {
            int got;
            while ((got = recvmmsg(ready[i].data.fd, messages, BATCH, MSG_DONTWAIT, NULL)) > 0) {
                packets += got;
                for (int m = 0; m < got; m++) bytes += messages[m].msg_len;
            }
        }
    }
    printf("sink: %llu packets, %llu bytes\n", packets, bytes);
    return 0;
}
