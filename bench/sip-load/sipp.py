"""SIPp callers: N calls split over several SIPp processes (each play_pcap_audio stream is a thread)."""
import math
import os
import subprocess
import tempfile

from measure import Sampler, free_tcp_port, free_udp_range

HERE = os.path.dirname(os.path.abspath(__file__))


def write_scenario(template: str, folder: str, **fill) -> str:
    with open(os.path.join(HERE, template)) as f:
        text = f.read()
    for key, value in fill.items():
        text = text.replace(f"@{key.upper()}@", str(value))
    path = os.path.join(folder, template)
    with open(path, "w") as f:
        f.write(text)
    return path


def sink_program() -> str:
    """sink.c, built once per source change into the temp folder."""
    source = os.path.join(HERE, "sink.c")
    program = os.path.join(tempfile.gettempdir(), f"hark-sip-load-sink-{int(os.path.getmtime(source))}")
    if not os.path.exists(program):
        subprocess.run(["gcc", "-O2", "-o", program + ".tmp", source], check=True)
        os.replace(program + ".tmp", program)
    return program


class Callers:
    """Starts ceil(calls / per_process) SIPp UACs at once, sharing the call rate; each call's RTP port is
    -mp + 4 x (call number - 1), so every process gets its own block of ports."""

    def __init__(self, scenario: str, remote: str, calls: int, rate: float, per_process: int, folder: str,
                 timeout: float, service: str = "bench"):
        self.procs = []
        count = max(1, math.ceil(calls / per_process))
        block = 4 * math.ceil(calls / count) + 4
        base = free_udp_range(block * count, 20000, 32000)  # Hark's RTP ports are below 20000
        self.port_ranges = []
        for k in range(count):
            media = base + k * block
            self.port_ranges.append((media, media + block))
        # SIPp binds only its -mp ports (the first call's); the other calls' pcap replays send from raw sockets
        # and nothing listens on their RTP and RTCP ports but the sink.
        self.sink = subprocess.Popen([sink_program(), "127.0.0.1"] + [str(v) for low, high in self.port_ranges for v in (low + 4, high, 4)],
                                     stdout=subprocess.PIPE, text=True)
        if "bound" not in self.sink.stdout.readline():
            raise RuntimeError("the callers' RTP sink did not start")
        for k in range(count):
            n = calls // count + (1 if k < calls % count else 0)
            media = base + k * block
            log = os.path.join(folder, f"sipp-uac-{k}")
            args = ["sipp", "-sf", scenario, "-s", service, "-i", "127.0.0.1", "-mi", "127.0.0.1",
                    "-p", str(free_tcp_port()), "-mp", str(media), "-m", str(n), "-l", str(n),
                    "-r", f"{max(1, round(rate * n / calls))}", "-rp", "1000",
                    "-timeout", f"{int(timeout)}s", "-timeout_error", "-recv_timeout", f"{int(timeout * 1000)}",
                    "-nostdin", "-trace_err", "-error_file", log + "-errors.log", remote]
            self.procs.append(subprocess.Popen(args, stdout=open(log + ".out", "w"), stderr=subprocess.STDOUT, cwd=folder))
        # What the callers cost (the sink and every SIPp: signalling and media), sampled as the engines are.
        self.samplers = [Sampler(p.pid).start() for p in [self.sink] + self.procs]

    def media_port(self, caller: str):
        """The RTP port of the call whose From user is '<SIPp pid>-<call number>'."""
        pid, _, number = caller.partition("-")
        for p, (low, _) in zip(self.procs, self.port_ranges):
            if str(p.pid) == pid and number.isdigit():
                return low + 4 * (int(number) - 1)
        return None

    def owns(self, port: int) -> bool:
        return any(low <= port < high for low, high in self.port_ranges)

    def cpu_between(self, start: float, end: float) -> float:
        """CPU seconds the callers' processes used from start to end (time.time())."""
        return sum(s.cpu_between(start, end) for s in self.samplers)

    def cpu_seconds(self) -> float:
        """CPU seconds the callers' processes used over the run."""
        return sum(s.samples[-1][1] - s.samples[0][1] for s in self.samplers if s.samples)

    def wait(self, timeout: float) -> list[int]:
        codes = []
        for p in self.procs:
            try:
                codes.append(p.wait(timeout))
            except subprocess.TimeoutExpired:
                p.terminate()
                codes.append(p.wait())
        for s in self.samplers:
            s.stop()
        self.sink.terminate()
        last = self.sink.communicate()[0].split()
        self.received_packets = int(last[1]) if len(last) > 2 and last[1].isdigit() else None
        return codes


class Callee:
    """One SIPp UAS that answers every call and lets the RTP it is sent fall on the floor."""

    def __init__(self, folder: str):
        self.port = free_tcp_port()
        media = free_udp_range(4, 32000, 33000)
        log = os.path.join(folder, "sipp-uas")
        self.proc = subprocess.Popen(
            ["sipp", "-sf", os.path.join(HERE, "uas-sink.xml"), "-i", "127.0.0.1", "-mi", "127.0.0.1",
             "-p", str(self.port), "-mp", str(media), "-nostdin", "-trace_err", "-error_file", log + "-errors.log"],
            stdout=open(log + ".out", "w"), stderr=subprocess.STDOUT, cwd=folder)

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
