"""What the bench measures from outside the process: /proc CPU and memory, and tcpdump captures."""
import os
import socket
import struct
import subprocess
import threading
import time

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """utime + stime of the whole process (every thread), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def memory_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) in KiB."""
    rss = hwm = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    return rss, hwm


def load_average() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


class Sampler:
    """Samples a process's CPU time and RSS every interval seconds (time.time() stamps), in a thread."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval = pid, interval
        self.samples: list[tuple[float, float, int]] = []  # (time, cpu s, rss KiB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.is_set():
            try:
                rss, _ = memory_kb(self.pid)
                self.samples.append((time.time(), cpu_seconds(self.pid), rss))
            except (OSError, ValueError, IndexError):
                return
            self._stop.wait(self.interval)

    def cpu_between(self, start: float, end: float) -> float:
        return self._at(end) - self._at(start)

    def rss_between(self, start: float, end: float) -> list[int]:
        return [s[2] for s in self.samples if start <= s[0] <= end]

    def _at(self, t: float) -> float:
        """CPU seconds at time t, interpolated between the samples around it."""
        before = max((s for s in self.samples if s[0] <= t), key=lambda s: s[0])
        after = min((s for s in self.samples if s[0] >= t), key=lambda s: s[0])
        if after[0] == before[0]:
            return before[1]
        return before[1] + (after[1] - before[1]) * (t - before[0]) / (after[0] - before[0])


def socket_drops(low: int, high: int) -> dict:
    """{(local port, inode): datagrams the kernel dropped because the socket's receive buffer was full},
    for UDP sockets bound to ports low..high-1 (/proc/net/udp's drops column)."""
    out = {}
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        with open(table) as f:
            next(f)
            for line in f:
                fields = line.split()
                port = int(fields[1].rsplit(":", 1)[1], 16)
                if low <= port < high:
                    out[(port, fields[9])] = int(fields[-1])
    return out


class DropWatch:
    """Samples socket_drops every second; a closed socket keeps the last count seen."""

    def __init__(self, low: int, high: int):
        self.low, self.high, self.seen = low, high, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            self.seen.update(socket_drops(self.low, self.high))
            self._stop.wait(1.0)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        self.seen.update(socket_drops(self.low, self.high))
        return sum(self.seen.values())


class Capture:
    """tcpdump on loopback with a kernel filter, so only the packets asked for are copied out."""

    def __init__(self, path: str, bpf: str):
        self.path = path
        self.proc = subprocess.Popen(["tcpdump", "-i", "lo", "-n", "-U", "--immediate-mode", "-s", "96", "-w", path, bpf],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        line = self.proc.stderr.readline()  # "listening on lo ..." once the filter is in place
        if "listening" not in line:
            raise RuntimeError("tcpdump did not start: " + line + self.proc.stderr.read())
        time.sleep(1)  # "listening" comes a moment before the filter sees packets

    def stop(self) -> list[tuple[float, int, int, bytes]]:
        time.sleep(0.5)
        self.proc.terminate()
        self.proc.wait()
        return read_udp_pcap(self.path)


# The first packet of a PCMU or PCMA stream (marker + PT 0 or 8) and of an RFC 4733 event (marker + PT 101).
MARKER_PACKETS = "udp and (udp[9] = 0x80 or udp[9] = 0x88 or udp[9] = 0xe5)"


def first_packets(packets, owns):
    """{caller port: time} of each caller's first audio packet and of its first '#' packet."""
    audio, pound = {}, {}
    for t, sport, _, payload in packets:
        if owns(sport) and len(payload) > 1:
            (pound if payload[1] == 0xE5 else audio).setdefault(sport, t)
    return audio, pound


def caller_lag(audio, pound, seconds):
    """How far behind real time each caller's playback was when it sent its '#' (its media program held off the CPU)."""
    return [1000 * (pound[p] - audio[p] - seconds) for p in audio if p in pound]


def read_udp_pcap(path: str) -> list[tuple[float, int, int, bytes]]:
    """(time, source port, destination port, UDP payload) for each IPv4 UDP packet of a libpcap file."""
    out = []
    with open(path, "rb") as f:
        header = f.read(24)
        if len(header) < 24:
            return out
        magic, = struct.unpack("<I", header[:4])
        endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
        nano = magic in (0xA1B23C4D, 0x4D3CB2A1)
        link, = struct.unpack(endian + "I", header[20:24])
        while len(record := f.read(16)) == 16:
            sec, frac, caplen, _ = struct.unpack(endian + "IIII", record)
            data = f.read(caplen)
            ip = {1: 14, 113: 16, 276: 20, 0: 4}.get(link, 0)  # Ethernet, Linux cooked v1/v2, BSD loopback; raw IP
            if len(data) < ip + 28 or data[ip] >> 4 != 4 or data[ip + 9] != 17:
                continue
            udp = ip + (data[ip] & 0x0F) * 4
            sport, dport = struct.unpack("!HH", data[udp:udp + 4])
            out.append((sec + frac / (1e9 if nano else 1e6), sport, dport, data[udp + 8:]))
    return out


def percentiles(values):
    if not values:
        return None
    s = sorted(values)
    pick = lambda q: s[min(len(s) - 1, int(round(q * (len(s) - 1))))]
    return {"n": len(s), "p50": pick(0.5), "p99": pick(0.99), "max": s[-1]}


def free_tcp_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_udp_range(count: int, low: int = 20000, high: int = 60000) -> int:
    """An even base port such that base .. base+count-1 are free for UDP on this machine now."""
    used = set()
    for table in ("/proc/net/udp", "/proc/net/udp6", "/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    used.add(int(line.split()[1].rsplit(":", 1)[1], 16))
        except OSError:
            pass
    base = low
    while base + count <= high:
        clash = [p for p in used if base <= p < base + count]
        if not clash:
            return base
        base = (max(clash) + 2) & ~1
    raise RuntimeError(f"no {count} free UDP ports between {low} and {high}")


def report(name: str, n: int, r: dict):
    fmt = lambda v, spec: "n/a" if v is None else format(v, spec)
    lat = r.get("stop_tone_to_webhook_ms")
    print(f"{name}: {r.get('recordings_right', r.get('recordings_complete'))}/{n} recordings right; "
          f"CPU {fmt(r['cpu_ms_per_call_second'], '.3f')} ms per call-second over {fmt(r['window_seconds'], '.1f')} s"
          + (f" of {r['calls_in_window']} calls" if r.get("calls_in_window", n) != n else "") + "; "
          f"RSS idle {fmt(r.get('idle_rss_mb'), '.0f')} MB, peak {fmt(r.get('peak_rss_mb'), '.0f')} MB, "
          f"{fmt(r.get('rss_kb_per_call'), '.0f')} KB per call"
          + (f" ({fmt(r.get('rss_kb_per_call_above_cold_idle'), '.0f')} above the idle of a server that had carried no call)"
             if r.get("rss_kb_per_call_above_cold_idle") is not None else "") + "; "
          + (f"stop tone -> webhook p50 {lat['p50']:.0f} ms, p99 {lat['p99']:.0f} ms (n={lat['n']}); " if lat else "")
          + (f"concealed packets {fmt(r['concealed_packets'], 'd')}; " if "concealed_packets" in r else "")
          + f"load average {r['load_average'][0]} -> {r['load_average'][1]}"
          + (f"; whole run: Hark {r['hark_cpu_seconds']:.0f} s CPU, bot {r['bot_cpu_seconds']:.0f} s" if r.get("bot_cpu_seconds") is not None else ""),
          flush=True)
    if r.get("caller_lag_ms"):
        lag = r["caller_lag_ms"]
        print(f"  callers' playback behind real time at the '#': p50 {lag['p50']:.0f} ms, max {lag['max']:.0f} ms"
              + (" (the callers' media program was short of CPU: the media it sent was late and bursty)" if lag["max"] > 200 else ""))
    if r.get("callers_cpu_seconds"):
        window, run = r.get("callers_cpu_ms_per_call_second") or {}, r["callers_cpu_seconds"]
        print(f"  the callers' CPU per call-second over the window: media program {fmt(window.get('media'), '.3f')} ms, "
              f"SIPp {fmt(window.get('sipp'), '.3f')} ms; over the run: media program {run['media']:.1f} s, SIPp {run['sipp']:.1f} s")
    if r.get("callers_media"):
        m = r["callers_media"]
        print(f"  the callers' media: {m.get('sent', 0):.0f} packets sent for {m.get('calls', 0):.0f} calls, {m.get('failed', 0):.0f} failed, "
              f"{m.get('late_10ms', 0):.0f} sent over 10 ms late (worst {m.get('worst_late_ms', 0):.1f} ms); "
              f"{m.get('received', 0):.0f} RTP/RTCP packets received from {name}")
    if r.get("refused"):
        print(f"  {r['refused']} calls refused with 503 (admission control)")
    if r.get("socket_drops"):
        print(f"  {r['socket_drops']} packets dropped by the kernel: Hark's RTP sockets' receive buffers were full")
    if r.get("recordings_cut_by_caller"):
        print(f"  {r['recordings_cut_by_caller']} recordings lack only a tail (the call ended before the caller's playback did)")
    if r.get("problems"):
        print("  wrong recordings by kind: " + ", ".join(f"{k} {v}" for k, v in r["problems"].items()))
    for line in r.get("wrong", []) + r.get("errors", []):
        print("  " + line)
