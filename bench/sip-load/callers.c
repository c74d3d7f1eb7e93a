/* The callers' media: sends the caller's capture on every call and reads what comes back, in one thread.
 *
 * SIPp does the signalling. Each SIPp process connects to this program's TCP port as its 3PCC twin (-3pcc), and
 * once a call's ACK is sent, its scenario sends a twin command (sendCmd) holding the line
 * "audio: LOCAL-PORT DEST-ADDR DEST-PORT" (the port it advertised, and where the 200 OK's SDP sends the media). From
 * then on this program sends the capture's RTP packets for that call from LOCAL-PORT to the destination, each
 * at the call's start plus the packet's time in the capture, on the monotonic clock: the capture's bytes
 * (payload, payload type, marker, sequence number, timestamp, SSRC) at the capture's spacing, and the call's
 * stream ends with the capture. A call starts on the next multiple of 5 ms after its line arrives, so however
 * many calls there are, the program wakes at most 200 times a second to send: it waits in epoll_pwait2
 * until the next packet is due (or a line or a packet arrives), then sends every packet due, all calls' together
 * in sendmmsg batches through one raw socket, each packet with the call's own port as its source and a UDP
 * checksum, as the call's own socket would have sent it (that socket cannot send in a batch with other calls').
 * A call held up (a starved machine) sends all it owes at once, so no schedule drifts.
 *
 * It also binds every caller's RTP and RTCP port (the ranges given) and reads all that arrives there in
 * batches, so what the server sends a caller finds a listener, as with a real phone, instead of coming back as
 * an ICMP port unreachable charged to the server. On SIGTERM it prints what it sent and read, as NAME=VALUE.
 *
 * Usage: callers CAPTURE.pcap IP LOW HIGH STEP [LOW HIGH STEP ...]
 *   listens for SIPp on IP (a free TCP port, printed on the first line of output) and binds LOW, LOW+1, LOW+STEP, LOW+STEP+1, ... below HIGH on IP; CAPTURE is a libpcap file of IPv4/UDP/RTP
 *   (Ethernet, Linux cooked or raw IP), audio.py's. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define SEND_BATCH 256
#define SIZE 2048
#define GRID 5000000LL  /* ns: calls start on this grid, spread over four phases of a 20 ms packet time (a 1 ms grid
                          made waking up a third of this program's CPU at 200 calls) */

struct packet { int64_t at; const uint8_t *data; size_t length; uint32_t sum; };  /* at: ns after the capture's first packet;
                                                                                 sum: of the payload, for UDP's checksum */
struct header { uint8_t ip[20]; uint8_t udp[8]; };

/* A call's stream: its IPv4 and UDP headers (from its port to the answer's), and the pseudo-header's sum. */
struct call { struct header header; struct sockaddr_in to; uint32_t sum; int64_t start; int next; };

static struct packet *capture;
static int packets;
static int sockets[65536];  /* fd bound to each local port, or 0 */
static int raw;  /* sends every call's packets */
static struct in_addr local_address;
static struct call *calls;
static int active, capacity;
static unsigned long long started, sent, failed, late_1ms, late_10ms, received, received_bytes, bad_lines;
static int64_t worst_late;
static volatile sig_atomic_t stopping;

static void stop(int sig) { (void)sig; stopping = 1; }

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Ones' complement sum of 16-bit big-endian words (RFC 1071), not yet folded. */
static uint32_t sum16(const uint8_t *data, size_t length) {
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < length; i += 2) sum += (data[i] << 8) | data[i + 1];
    if (length & 1) sum += data[length - 1] << 8;
    return sum;
}

static void load_capture(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    static uint8_t *data;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    data = malloc(size);
    if (fread(data, 1, size, f) != (size_t)size || size < 24) { fprintf(stderr, "callers: cannot read %s\n", path); exit(1); }
    fclose(f);
    uint32_t magic;
    memcpy(&magic, data, 4);
    int nano = magic == 0xA1B23C4D;
    if (magic != 0xA1B2C3D4 && !nano) { fprintf(stderr, "callers: %s is not a little-endian libpcap file\n", path); exit(1); }
    uint32_t link;
    memcpy(&link, data + 20, 4);
    int ip = link == 1 ? 14 : link == 113 ? 16 : link == 276 ? 20 : link == 101 ? 0 : -1;
    if (ip < 0) { fprintf(stderr, "callers: link type %u not supported\n", link); exit(1); }
    capture = calloc(size / 16, sizeof *capture);
    int64_t first = -1;
    for (long at = 24; at + 16 <= size;) {
        uint32_t h[4];
        memcpy(h, data + at, 16);
        const uint8_t *frame = data + at + 16;
        at += 16 + h[2];
        if (at > size) break;
        if (h[2] < (uint32_t)ip + 28 || frame[ip] >> 4 != 4 || frame[ip + 9] != 17) continue;
        const uint8_t *udp = frame + ip + (frame[ip] & 0x0F) * 4;
        size_t length = ((udp[4] << 8) | udp[5]) - 8;
        if (udp + 8 + length > frame + h[2]) continue;
        int64_t t = h[0] * 1000000000LL + (int64_t)h[1] * (nano ? 1 : 1000);
        if (first < 0) first = t;
        capture[packets++] = (struct packet){t - first, udp + 8, length, sum16(udp + 8, length)};
    }
    if (!packets) { fprintf(stderr, "callers: no UDP packets in %s\n", path); exit(1); }
}

static void bind_ports(const char *address, int argc, char **argv) {
    for (int a = 0; a + 2 < argc; a += 3) {
        int low = atoi(argv[a]), high = atoi(argv[a + 1]), step = atoi(argv[a + 2]);
        for (int port = low; port + 1 < high && port + 1 < 65536; port += step) {
            for (int p = port; p <= port + 1; p++) {
                int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
                struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = htons(p)};
                inet_pton(AF_INET, address, &at.sin_addr);
                if (fd < 0 || bind(fd, (struct sockaddr *)&at, sizeof at) < 0) {
                    fprintf(stderr, "callers: cannot bind %s:%d: %s\n", address, p, strerror(errno));
                    exit(1);
                }
                sockets[p] = fd;
            }
        }
    }
}

/* One call: "LOCAL-PORT DEST-ADDR DEST-PORT". */
static void start_call(char *line, int64_t now) {
    char address[64];
    int local, port;
    struct sockaddr_in to = {.sin_family = AF_INET};
    if (sscanf(line, "%d %63s %d", &local, address, &port) != 3 || local <= 0 || local > 65535 || !sockets[local]
        || port <= 0 || port > 65535 || inet_pton(AF_INET, address, &to.sin_addr) != 1) {
        fprintf(stderr, "callers: bad line '%s'\n", line);
        bad_lines++;
        return;
    }
    if (active == capacity) {
        capacity = capacity ? 2 * capacity : 1024;
        calls = realloc(calls, capacity * sizeof *calls);
    }
    struct call *k = &calls[active++];
    *k = (struct call){.to = to, .start = (now + GRID - 1) / GRID * GRID};
    uint8_t *ip = k->header.ip, *udp = k->header.udp;
    ip[0] = 0x45;                  /* IPv4, 20-byte header; length, identification and checksum are the kernel's */
    ip[6] = 0x40;                  /* don't fragment, as the kernel sets on UDP */
    ip[8] = 64;                    /* TTL */
    ip[9] = 17;                    /* UDP */
    memcpy(ip + 12, &local_address, 4);
    memcpy(ip + 16, &to.sin_addr, 4);
    udp[0] = local >> 8, udp[1] = local & 0xFF, udp[2] = port >> 8, udp[3] = port & 0xFF;
    k->sum = sum16(ip + 12, 8) + 17 + sum16(udp, 4);  /* pseudo-header (addresses, protocol) and ports */
    started++;
}

/* What a SIPp sent: twin commands ("Call-ID: ...\r\naudio: ...\r\n\r\n", each ending with an escape character),
 * of which only the "audio: " lines matter. Returns 0 once SIPp has closed the connection. */
struct twin { int fd; size_t used; char buffer[8192]; };

static int read_twin(struct twin *t, int64_t now) {
    ssize_t got;
    while ((got = read(t->fd, t->buffer + t->used, sizeof t->buffer - 1 - t->used)) > 0) {
        t->used += got;
        char *line = t->buffer, *end;
        while ((end = memchr(line, '\n', t->buffer + t->used - line))) {
            *end = 0;
            if (!strncmp(line, "audio: ", 7)) start_call(line + 7, now);
            line = end + 1;
        }
        t->used -= line - t->buffer;
        memmove(t->buffer, line, t->used);
        if (t->used == sizeof t->buffer - 1) t->used = 0;  /* no line is this long */
    }
    return got < 0 && errno == EAGAIN;
}

static struct mmsghdr out[SEND_BATCH];
static struct iovec out_iov[SEND_BATCH][2];
static struct header out_headers[SEND_BATCH];
static struct sockaddr_in out_to[SEND_BATCH];  /* copies: a call's slot is reused once its stream has ended */
static int queued;

static void flush(void) {
    for (int done = 0; done < queued;) {
        int r = sendmmsg(raw, out + done, queued - done, 0);
        if (r < 0) {
            failed++;  /* the packet is not sent again: a phone would not either */
            r = 1;
        } else {
            sent += r;
        }
        done += r;
    }
    queued = 0;
}

/* Queues one packet of call k: its headers (UDP length and checksum filled in), then the capture's bytes. */
static void queue(struct call *k, const struct packet *p) {
    struct header *h = &out_headers[queued];
    *h = k->header;
    uint16_t length = 8 + p->length;
    h->udp[4] = length >> 8, h->udp[5] = length & 0xFF;
    uint32_t sum = k->sum + p->sum + 2 * length;  /* the length is in the pseudo-header and in the UDP header */
    while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
    uint16_t check = ~sum & 0xFFFF;
    if (!check) check = 0xFFFF;
    h->udp[6] = check >> 8, h->udp[7] = check & 0xFF;
    out_iov[queued][0] = (struct iovec){h, sizeof *h};
    out_iov[queued][1] = (struct iovec){(void *)p->data, p->length};
    out_to[queued] = k->to;
    out[queued].msg_hdr = (struct msghdr){.msg_name = &out_to[queued], .msg_namelen = sizeof k->to, .msg_iov = out_iov[queued], .msg_iovlen = 2};
    if (++queued == SEND_BATCH) flush();
}

/* Sends every packet due by now, all calls' in sendmmsg batches; returns when the next one is due (INT64_MAX: none). */
static int64_t send_due(int64_t now) {
    int64_t next = INT64_MAX;
    for (int c = 0; c < active;) {
        struct call *k = &calls[c];
        for (; k->next < packets && k->start + capture[k->next].at <= now; k->next++) {
            int64_t late = now - (k->start + capture[k->next].at);
            if (late > worst_late) worst_late = late;
            late_1ms += late > 1000000;
            late_10ms += late > 10000000;
            queue(k, &capture[k->next]);
        }
        if (k->next == packets) {
            *k = calls[--active];  /* the capture has ended: so has the call's stream */
            continue;
        }
        int64_t due = k->start + capture[k->next].at;
        if (due < next) next = due;
        c++;
    }
    flush();
    return next;
}

static void drain(int fd) {
    static char buffers[BATCH][SIZE];
    static struct iovec iov[BATCH];
    static struct mmsghdr messages[BATCH];
    if (!iov[0].iov_base)
        for (int i = 0; i < BATCH; i++) {
            iov[i] = (struct iovec){buffers[i], SIZE};
            messages[i] = (struct mmsghdr){.msg_hdr = {.msg_iov = &iov[i], .msg_iovlen = 1}};
        }
    int got;
    while ((got = recvmmsg(fd, messages, BATCH, MSG_DONTWAIT, NULL)) > 0) {
        received += got;
        for (int m = 0; m < got; m++) received_bytes += messages[m].msg_len;
    }
}

int main(int argc, char **argv) {
    if (argc < 6 || (argc - 3) % 3 != 0) {
        fprintf(stderr, "usage: callers CAPTURE.pcap IP LOW HIGH STEP [LOW HIGH STEP ...]\n");
        return 2;
    }
    struct rlimit files = {65536, 65536};
    setrlimit(RLIMIT_NOFILE, &files);
    prctl(PR_SET_TIMERSLACK, 1000UL);  /* wake within a microsecond of the schedule, not the default 50 */
    /* The callers stand for phones on other machines: their clock must not wait for the engine under test to
     * yield the CPU. The lowest real-time priority runs each wake-up as soon as it is due; the work per
     * wake-up is bounded (every packet due, then back to sleep). */
    struct sched_param realtime = {.sched_priority = 1};
    if (sched_setscheduler(0, SCHED_FIFO, &realtime) < 0) perror("callers: SCHED_FIFO (the schedule may slip under load)");
    signal(SIGTERM, stop);
    signal(SIGINT, stop);
    load_capture(argv[1]);
    bind_ports(argv[2], argc - 3, argv + 3);
    inet_pton(AF_INET, argv[2], &local_address);
    /* IPPROTO_RAW: sends whole IPv4 packets and receives nothing (a raw socket of protocol UDP would be handed a
     * copy of every UDP packet on the machine). Needs CAP_NET_RAW, as the bench's tcpdump does. */
    raw = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
    if (raw < 0) { perror("callers: raw socket"); return 1; }
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in at = {.sin_family = AF_INET, .sin_addr = local_address};
    socklen_t length = sizeof at;
    if (listener < 0 || bind(listener, (struct sockaddr *)&at, sizeof at) < 0 || listen(listener, 64) < 0
        || getsockname(listener, (struct sockaddr *)&at, &length) < 0) { perror("callers: listen"); return 1; }
    int ep = epoll_create1(0), bound = 0;
    struct epoll_event e = {.events = EPOLLIN, .data.ptr = &listener};
    epoll_ctl(ep, EPOLL_CTL_ADD, listener, &e);
    for (int p = 0; p < 65536; p++)
        if (sockets[p]) {
            e.data.ptr = &sockets[p];
            epoll_ctl(ep, EPOLL_CTL_ADD, sockets[p], &e);
            bound++;
        }
    printf("callers: %d ports bound, twin commands on port %d, capture of %d packets over %.3f s\n", bound, ntohs(at.sin_port),
           packets, capture[packets - 1].at / 1e9);
    fflush(stdout);

    struct epoll_event ready[BATCH];
    int64_t next = INT64_MAX;
    while (!stopping) {
        int64_t now = now_ns();
        if (next <= now) {
            next = send_due(now);
            continue;
        }
        struct timespec wait = {(next - now) / 1000000000LL, (next - now) % 1000000000LL};
        int n = epoll_pwait2(ep, ready, BATCH, next == INT64_MAX ? NULL : &wait, NULL);
        now = now_ns();
        for (int i = 0; i < n; i++) {
            void *source = ready[i].data.ptr;
            if (source == &listener) {
                struct twin *t = calloc(1, sizeof *t);
                t->fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
                struct epoll_event twin = {.events = EPOLLIN, .data.ptr = t};
                if (t->fd < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, t->fd, &twin) < 0) { perror("callers: accept"); return 1; }
            } else if (source >= (void *)sockets && source < (void *)(sockets + 65536)) {
                drain(*(int *)source);
            } else {
                if (!read_twin(source, now)) {
                    close(((struct twin *)source)->fd);  /* that SIPp has finished */
                    free(source);
                }
                next = 0;  /* maybe a new call: recompute when the next packet is due */
            }
        }
    }
    printf("callers: calls=%llu sent=%llu failed=%llu late_1ms=%llu late_10ms=%llu worst_late_ms=%.1f bad_lines=%llu "
           "received=%llu received_bytes=%llu\n", started, sent, failed, late_1ms, late_10ms, worst_late / 1e6, bad_lines,
           received, received_bytes);
    return 0;
}
