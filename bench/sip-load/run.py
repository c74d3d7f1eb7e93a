#!/usr/bin/env python3
"""SIP load benchmark: N concurrent recorded calls into Hark, optionally the same calls through
Kamailio + rtpengine for comparison. Standard library only; installs its Debian packages itself.

  bench/sip-load/run.py --calls 200 --baseline rtpengine

Builds Hark (Release) and starts it on free loopback ports with its own data folder, starts a minimal
HTTP bot (bot/, C#, in its own process), makes the caller's audio (audio.py), drives the calls with
SIPp and reports Hark's CPU per recorded call-second over the window in which all N calls are recorded,
its RSS, the stop-tone to completion-webhook latency, concealed packets, and the check of every
recording. See docs/benchmarks.md. Exits 1 when a recording or a call is wrong.
"""
import argparse
import json
import re
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import audio  # noqa: E402
from bot_process import BOT_DLL, Bot, build as build_bot  # noqa: E402
from measure import MARKER_PACKETS, Capture, DropWatch, Sampler, caller_lag, first_packets, free_tcp_port, free_udp_range, load_average, memory_kb, percentiles, report  # noqa: E402
from sipp import Callers, write_scenario  # noqa: E402

ROOT = audio.ROOT
PACKAGES = ["sip-tester", "sox", "espeak-ng", "tcpdump", "gcc"]
BASELINE_PACKAGES = ["rtpengine-daemon", "kamailio", "kamailio-extra-modules"]
HARK_DLL = os.path.join(ROOT, "src/Hark.Host/bin/Release/net10.0/hark.dll")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--calls", type=int, default=50, help="concurrent calls (N)")
    p.add_argument("--speech", type=float, default=25.0, help="seconds of speech per call, after the lead-in")
    p.add_argument("--lead", type=float, default=5.0, help="seconds of silence before the speech (the bot must have "
                   "started recording by then)")
    p.add_argument("--codec", choices=["pcmu", "pcma"], default="pcmu")
    p.add_argument("--ptime", type=int, choices=[20, 30], default=20)
    p.add_argument("--rate", type=float, default=0, help="new calls per second (default N/10, at least 5, at most 100)")
    p.add_argument("--per-sipp", type=int, default=1000, help="calls per SIPp process (SIPp does the signalling; callers.c the media)")
    p.add_argument("--baseline", choices=["rtpengine"], help="also run the calls through Kamailio + rtpengine")
    p.add_argument("--prompt", type=float, default=0, help="seconds of prompt (a tone, as a data: URI) Hark plays, then a beep, before "
                   "each recording: Hark sends audio in the mix (default 0: none)")
    p.add_argument("--max-concurrent", type=int, help="Hark:Calls:MaxConcurrent (default N: admission by count lifted, so capacity is what is "
                   "measured); below N the rest must be refused cleanly with 503 while every admitted call's recording is right")
    p.add_argument("--warmup", type=int, default=40, help="short calls Hark carries first, unmeasured (default 40, past the 30 calls after which .NET recompiles a method optimised): the "
                   "measured calls then meet a server that has compiled its code paths, and idle RSS is taken after them")
    p.add_argument("--no-build", action="store_true", help="use the hark.dll (and the bot) already built; the bot is built if missing")
    p.add_argument("--out", help="folder for logs, captures and recordings (default: a temporary one, removed if all went right)")
    p.add_argument("--json", help="also write the results here")
    a = p.parse_args()
    rate = a.rate or min(100.0, max(5.0, a.calls / 10))
    if a.max_concurrent:
        a.warmup = min(a.warmup, a.max_concurrent)  # the warm-up's calls must all be admitted
    out = a.out or tempfile.mkdtemp(prefix="hark-sip-load-")
    os.makedirs(out, exist_ok=True)

    install(PACKAGES + (BASELINE_PACKAGES if a.baseline else []))
    if not a.no_build:
        subprocess.run(["dotnet", "build", os.path.join(ROOT, "src/Hark.Host"), "-c", "Release", "-v", "q", "-nologo"], check=True)
    if not a.no_build or not os.path.exists(BOT_DLL):
        build_bot()
    caller = audio.make_caller_audio(os.path.join(out, "audio"), a.codec, a.ptime, a.speech, a.lead)
    print(f"sip-load: {a.calls} calls, {a.codec.upper()}/{a.ptime} ms, {a.lead:g} s lead-in + {caller.speech_seconds:.2f} s speech + '#', "
          f"{rate:g} calls/s, output in {out}", flush=True)

    results = {"calls": a.calls, "codec": a.codec, "ptime": a.ptime, "rate": rate, "machine": machine()}
    results["hark"] = run_hark(a, caller, rate, os.path.join(out, "hark"))
    h = results["hark"]
    if a.max_concurrent and a.max_concurrent < a.calls:
        # Over capacity: every admitted call recorded right, at most the capacity admitted, and the rest refused (503).
        ok = h["recordings_right"] == h["calls_seen"] <= a.max_concurrent and h["calls_seen"] + h["refused"] >= a.calls
    else:
        ok = h["recordings_right"] == a.calls and h["sipp_failed"] == 0
    if a.baseline:
        import baseline
        results["rtpengine"] = baseline.run_rtpengine(a, caller, rate, os.path.join(out, "rtpengine"))
        ok = ok and results["rtpengine"]["recordings_complete"] == a.calls
        h, r = results["hark"]["cpu_ms_per_call_second"], results["rtpengine"]["cpu_ms_per_call_second"]
        if h is not None and r:
            results["hark_over_rtpengine"] = h / r
            print(f"Hark / rtpengine CPU per call-second: {h:.3f} / {r:.3f} ms = {h / r:.2f}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=2)
    print("sip-load: " + ("every recording right" if ok else f"FAILED: see above and {out}"))
    if ok and not a.out:
        shutil.rmtree(out, ignore_errors=True)
    return 0 if ok else 1


def install(packages):
    missing = [p for p in packages if "install ok installed" not in subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", p], capture_output=True, text=True).stdout]
    if missing:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        print("sip-load: installing " + " ".join(missing), flush=True)
        subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq"] + missing, check=True, stdout=subprocess.DEVNULL,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    return {"cpu": model, "cores": os.cpu_count(), "kernel": os.uname().release}


def run_hark(a, caller: audio.CallerAudio, rate: float, folder: str) -> dict:
    os.makedirs(folder, exist_ok=True)
    http_port, sip_port = free_tcp_port(), free_tcp_port()
    rtp_base = free_udp_range(2 * a.calls + 64, 12000, 20000)  # the callers' ports are above 20000
    bot = Bot(f"http://127.0.0.1:{http_port}", "bench", "bench-secret", os.path.join(folder, "recordings"),
              prompt_uri=audio.prompt_data_uri(a.prompt) if a.prompt > 0 else None)
    bot_port = reserve_bot_port = free_tcp_port()
    hark_log = open(os.path.join(folder, "hark.log"), "w")
    hark = subprocess.Popen([
        "dotnet", HARK_DLL, "--urls", f"http://127.0.0.1:{http_port}",
        f"--Hark:DataDirectory={os.path.join(folder, 'data')}",
        "--Hark:Applications:0:ClientId=bench", "--Hark:Applications:0:ClientSecret=bench-secret",
        f"--Hark:Applications:0:CallbackUri=http://127.0.0.1:{reserve_bot_port}/cb", "--Hark:Applications:0:Numbers:0=*",
        "--Hark:Sip:ListenAddress=127.0.0.1", f"--Hark:Sip:Port={sip_port}",
        # Capacity is what is measured: admission by count is lifted to N (its lag signal stays as configured).
        f"--Hark:Calls:MaxConcurrent={a.max_concurrent or max(a.calls, 1)}",
        # Each recording's concealment line (event 3010) is Debug when nothing was concealed; the count reads them all.
        "--Logging:LogLevel:Hark.Graph.Calls.GraphCall=Debug",
        f"--Hark:Rtp:PortMin={rtp_base}", f"--Hark:Rtp:PortMax={rtp_base + 2 * a.calls + 63}",
    ], stdout=hark_log, stderr=subprocess.STDOUT, cwd=folder)
    try:
        wait_ready(f"http://127.0.0.1:{http_port}/.well-known/openid-configuration", hark)
        bot_port = bot.start(bot_port)
        time.sleep(2)
        cold_rss, _ = memory_kb(hark.pid)
        warmed = warm(a, sip_port, rate, bot, folder)
        idle_rss, _ = memory_kb(hark.pid)
        sampler = Sampler(hark.pid).start()
        drops = DropWatch(rtp_base, rtp_base + 2 * a.calls + 64)
        capture = Capture(os.path.join(folder, "markers.pcap"), MARKER_PACKETS)
        scenario = write_scenario("uac-hark.xml", folder, pt=audio.PAYLOAD_TYPE[a.codec], ptime=a.ptime)
        load_before = load_average()
        bot_cpu = bot.cpu_seconds()
        timeout = a.lead + caller.speech_seconds + a.calls / rate + 90
        callers = Callers(scenario, f"127.0.0.1:{sip_port}", a.calls, rate, a.per_sipp, folder, timeout, caller.pcap)
        bot.wait(warmed + a.calls, timeout)
        codes = callers.wait(30)
        packets = capture.stop()
        sampler.stop()
        dropped = drops.stop()
        load_after = load_average()
        bot_cpu = bot.cpu_seconds() - bot_cpu  # the bot's process
        _, peak_rss = memory_kb(hark.pid)
    finally:
        bot.stop()
        hark.send_signal(signal.SIGTERM)
        try:
            hark.wait(20)
        except subprocess.TimeoutExpired:
            hark.kill()

    calls = [c for c in bot.calls.values() if callers.media_port(c.caller) is not None]  # the warm-up's are not measured
    # The stop tone: the first '#' packet of each caller's stream on the way to Hark, by its source port.
    # The first audio packet and the '#' also tell how far behind real time the callers' media ran.
    first_audio, pound = first_packets(packets, callers.owns)
    ports = {c.call_id: callers.media_port(c.caller) for c in calls}
    latencies = [1000 * (c.completed_at - pound[ports[c.call_id]]) for c in calls if c.completed_at and ports[c.call_id] in pound]
    # The window: every call that was recorded is being recorded (all N unless some were refused or failed).
    recorded = [c for c in calls if c.record_started_at > 0 and ports[c.call_id] in pound]
    window = None
    cpu_ms = None
    rss_per_call = rss_per_call_cold = None
    callers_cpu_ms = None
    if recorded:
        start = max(c.record_started_at for c in recorded) + 0.5
        end = min(pound[ports[c.call_id]] for c in recorded) - 0.2
        if end - start >= 2:
            window = (start, end)
            cpu = sampler.cpu_between(start, end)
            cpu_ms = 1000 * cpu / (len(recorded) * (end - start))
            callers_cpu_ms = {k: 1000 * v / (len(recorded) * (end - start)) for k, v in callers.cpu_between(start, end).items()}
            rss = sampler.rss_between(start, end)
            rss_per_call = (statistics.median(rss) - idle_rss) / len(recorded) if rss else None
            rss_per_call_cold = (statistics.median(rss) - cold_rss) / len(recorded) if rss else None

    verdicts = check_all(calls, caller)
    for c, v in zip(calls, verdicts):
        media = first_audio.get(ports[c.call_id])
        if "late start" in v.kinds and media and c.record_started_at > media + caller.lead_seconds:
            # recordResponse was answered after the speech began: the start is missing by the bot's lateness.
            v.kinds = ("set-up late",)
            v.problem = f"recordResponse answered {c.record_started_at - media - caller.lead_seconds:.2f} s after the speech began; " + v.problem
    wrong = {c.call_id: v for c, v in zip(calls, verdicts) if not v.ok}
    errors = [f"{c.call_id}: {c.error}" for c in calls if c.error] + bot.failures
    concealed = concealed_packets(calls)
    if concealed is None:
        concealed = concealed_from_log(os.path.join(folder, "hark.log"))
    with open(os.path.join(folder, "calls.json"), "w") as f:
        json.dump([{**{k: v for k, v in vars(c).items() if k != "operation"}, "media_port": ports[c.call_id],
                    "pound_at": pound.get(ports[c.call_id]), "verdict": vars(v),
                    "result": c.operation.get("resultInfo"), "status": c.operation.get("status")}
                   for c, v in zip(calls, verdicts)], f, indent=1)
    result = {
        "calls_seen": len(calls), "refused": sipp_refusals(folder), "sipp_exit_codes": codes, "sipp_failed": sum(1 for c in codes if c != 0),
        "recordings_right": sum(1 for v in verdicts if v.ok), "wrong": [f"{k}: {v.problem} ({v.seconds:.2f} s)" for k, v in list(wrong.items())[:10]],
        "errors": errors[:10],
        "window_seconds": window and window[1] - window[0], "calls_in_window": len(recorded), "cpu_ms_per_call_second": cpu_ms,
        "idle_rss_mb": idle_rss / 1024, "peak_rss_mb": peak_rss / 1024, "rss_kb_per_call": rss_per_call,
        "cold_idle_rss_mb": cold_rss / 1024, "rss_kb_per_call_above_cold_idle": rss_per_call_cold,
        "stop_tone_to_webhook_ms": percentiles(latencies),
        "caller_lag_ms": percentiles(caller_lag(first_audio, pound, len(caller.reference) / audio.RATE)), "concealed_packets": concealed,
        "socket_drops": dropped,
        "callers_cpu_ms_per_call_second": callers_cpu_ms, "callers_cpu_seconds": callers.cpu_seconds(), "callers_media": callers.media_counts,
        "load_average": [load_before, load_after], "bot_cpu_seconds": bot_cpu,
        "hark_cpu_seconds": sampler.samples[-1][1] - sampler.samples[0][1] if sampler.samples else None,
        "speech_seconds_recorded": percentiles([v.speech_seconds for v in verdicts if v.speech_seconds]),
        "worst_piece": min((v.worst_piece for v in verdicts), default=None),
        "problems": problem_kinds(verdicts),
    }
    report("Hark", a.calls, result)
    return result


def check_all(calls, caller):
    def load(c):
        if not c.wav_path:
            return b""
        with open(c.wav_path, "rb") as f:
            return f.read()
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        futures = [pool.submit(check_one, load(c), caller) for c in calls]
        return [f.result() for f in futures]


def check_one(wav: bytes, caller):
    if not wav:
        return audio.Verdict(False, 0, 0, 0, "no recording", ("no recording",))
    try:
        return audio.check_recording(wav, caller)
    except Exception as ex:
        return audio.Verdict(False, 0, 0, 0, f"unreadable WAV: {ex}", ("unreadable",))


def warm(a, sip_port: int, rate: float, bot, folder: str):
    """The warm-up: a.warmup calls of 1 s lead-in and 2 s speech, recorded as the measured ones are, before anything is
    measured. Their own folder; returns how many the bot finished, where its count for the measured calls starts."""
    if a.warmup <= 0:
        return 0
    warm_folder = os.path.join(folder, "warmup")
    os.makedirs(warm_folder, exist_ok=True)
    short = audio.make_caller_audio(os.path.join(warm_folder, "audio"), a.codec, a.ptime, 2.0, 1.0)
    scenario = write_scenario("uac-hark.xml", warm_folder, pt=audio.PAYLOAD_TYPE[a.codec], ptime=a.ptime)
    timeout = 60 + a.warmup / min(rate, 10)
    callers = Callers(scenario, f"127.0.0.1:{sip_port}", a.warmup, min(rate, 10), a.per_sipp, warm_folder, timeout, short.pcap)
    # Best effort: a call Hark refuses (503 while a fresh server compiles) never reaches the bot, so wait for SIPp.
    callers.wait(timeout)
    bot.wait(a.warmup, 5)
    time.sleep(2)
    return bot.completed


def sipp_refusals(folder: str) -> int:
    """INVITEs Hark answered with 503 (admission control), from the SIPp callers' error logs."""
    count = 0
    for name in os.listdir(folder):
        if name.startswith("sipp-uac-") and name.endswith("-errors.log"):
            with open(os.path.join(folder, name), errors="replace") as f:
                count += f.read().count("received 'SIP/2.0 503")
    return count


def problem_kinds(verdicts) -> dict:
    """How many recordings were wrong in each way (one recording can be wrong in two)."""
    kinds = {}
    for v in verdicts:
        for kind in v.kinds:
            kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def concealed_packets(calls):
    """Hark's count of concealed packets, if the completion carries one (in its Hark extension)."""
    total, found = 0, False

    def walk(node):
        nonlocal total, found
        if isinstance(node, dict):
            for k, v in node.items():
                if "conceal" in k.lower() and isinstance(v, (int, float)):
                    total += v
                    found = True
                else:
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    for c in calls:
        walk(c.operation)
    return total if found else None


# Hark's log lines that count concealment: per recording (event 3010) and, failing that, per RTP session (6002).
RECORDING_CONCEALED = re.compile(r"recording of operation \S+ complete, [\d.]+ s, (\d+) frames concealed")
RTP_ENDED = re.compile(r"RTP on port \d+ ended: \d+ packets played, \d+ late, \d+ duplicate, (\d+) frames concealed")


def concealed_from_log(path: str):
    """Frames Hark concealed for packets that never arrived, summed from its log; None when it logs none."""
    with open(path, errors="replace") as f:
        text = f.read()
    for pattern in (RECORDING_CONCEALED, RTP_ENDED):
        counts = [int(m.group(1)) for m in pattern.finditer(text)]
        if counts:
            return sum(counts)
    return None


def wait_ready(url: str, proc, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}; see its log")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


if __name__ == "__main__":
    sys.exit(main())
