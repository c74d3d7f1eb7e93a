"""The callers: SIPp does the signalling of N calls (split over several SIPp processes), and one small C program
(callers.c) sends every call's media and reads what comes back."""
import math
import os
import re
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


def media_program() -> str:
    """callers.c, built once per source change into the temp folder."""
    source = os.path.join(HERE, "callers.c")
    program = os.path.join(tempfile.gettempdir(), f"hark-sip-load-callers-{int(os.path.getmtime(source))}")
    if not os.path.exists(program):
        subprocess.run(["gcc", "-O2", "-Wall", "-o", program + ".tmp", source], check=True)
        os.replace(program + ".tmp", program)
    return program


class Callers:
    """Starts ceil(calls / per_process) SIPp UACs at once, sharing the call rate, and the media program. Each SIPp
    gets its own block of ports from -mp: SIPp binds -mp and -mp + 2 itself, and call number n advertises
    -mp + 4 n (the scenario's [auto_media_port+4]) and RTCP on the next port, which the media program binds.
    Each SIPp connects to the media program as its 3PCC twin (-3pcc), and once a call's ACK is sent, its scenario
    sends it "audio: PORT ADDRESS PORT" (its own, and the answer's c= and m=audio) with sendCmd: no process is
    forked per call (an <exec> per call forked SIPp, which at 1,000 calls stalled it for 0.5 s at a time)."""

    def __init__(self, scenario: str, remote: str, calls: int, rate: float, per_process: int, folder: str,
                 timeout: float, capture: str, service: str = "bench"):
        self.procs = []
        count = max(1, math.ceil(calls / per_process))
        per = math.ceil(calls / count)
        if per > 2500:
            raise ValueError("at most 2,500 calls per SIPp: its [auto_media_port] wraps at -mp + 10,000")
        block = 4 * per + 4
        base = free_udp_range(block * count, 20000, 32000)  # Hark's RTP ports are below 20000
        self.port_ranges = [(base + k * block, base + (k + 1) * block) for k in range(count)]
        self.media = subprocess.Popen([media_program(), capture, "127.0.0.1"]
                                      + [str(v) for low, high in self.port_ranges for v in (low + 4, high, 4)],
                                      stdout=subprocess.PIPE, text=True)
        # "callers: N ports bound, twin commands on port P, capture of ..."
        started = re.search(r"twin commands on port (\d+)", self.media.stdout.readline())
        if not started:
            raise RuntimeError("the callers' media program did not start")
        for k in range(count):
            n = calls // count + (1 if k < calls % count else 0)
            media = self.port_ranges[k][0]
            log = os.path.join(folder, f"sipp-uac-{k}")
            args = ["sipp", "-sf", scenario, "-s", service, "-i", "127.0.0.1", "-mi", "127.0.0.1",
                    "-p", str(free_tcp_port()), "-mp", str(media), "-m", str(n), "-l", str(n),
                    "-3pcc", f"127.0.0.1:{started.group(1)}",
                    "-r", f"{max(1, round(rate * n / calls))}", "-rp", "1000",
                    "-timeout", f"{int(timeout)}s", "-timeout_error", "-recv_timeout", f"{int(timeout * 1000)}",
                    "-nostdin", "-trace_err", "-error_file", log + "-errors.log", remote]
            self.procs.append(subprocess.Popen(args, stdout=open(log + ".out", "w"), stderr=subprocess.STDOUT, cwd=folder))
        # What the callers cost (the media program and every SIPp), sampled as the engines are.
        self.samplers = [Sampler(p.pid).start() for p in [self.media] + self.procs]

    def media_port(self, caller: str):
        """The RTP port of the call whose From user is '<SIPp pid>-<call number>'."""
        pid, _, number = caller.partition("-")
        for p, (low, _) in zip(self.procs, self.port_ranges):
            if str(p.pid) == pid and number.isdigit():
                return low + 4 * int(number)
        return None

    def owns(self, port: int) -> bool:
        return any(low <= port < high for low, high in self.port_ranges)

    def cpu_between(self, start: float, end: float) -> dict:
        """CPU seconds the media program and the SIPp processes used from start to end (time.time())."""
        media, *sipp = (s.cpu_between(start, end) for s in self.samplers)
        return {"media": media, "sipp": sum(sipp)}

    def cpu_seconds(self) -> dict:
        """CPU seconds the media program and the SIPp processes used over the run."""
        media, *sipp = (s.samples[-1][1] - s.samples[0][1] if s.samples else 0.0 for s in self.samplers)
        return {"media": media, "sipp": sum(sipp)}

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
        self.media.terminate()
        # "callers: calls=C sent=S failed=F late_1ms=A late_10ms=B worst_late_ms=W bad_lines=L received=R received_bytes=Y"
        last = self.media.communicate()[0].strip().splitlines()[-1:]
        self.media_counts = {k: float(v) for k, _, v in (w.partition("=") for w in " ".join(last).split()) if v}
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
