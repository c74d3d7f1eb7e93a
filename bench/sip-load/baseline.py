"""The baseline: the same calls through Kamailio + rtpengine (userspace, pcap call recording) to a SIPp UAS.

rtpengine's CPU is measured as Hark's is (whole process, /proc/PID/stat) over the window in which all N
calls carry media: from the last call's first audio packet to the first call's '#' (tcpdump sees both:
the first packet of a stream and of an RFC 4733 event carry the marker bit). Kamailio's CPU is not
counted: it only relays signalling. Each call's recording must hold every packet its caller sent.
"""
import glob
import os
import re
import resource
import subprocess
import time

import audio
from measure import MARKER_PACKETS, Capture, Sampler, caller_lag, first_packets, free_tcp_port, free_udp_range, load_average, percentiles, read_udp_pcap, report
from sipp import HERE, Callee, Callers, write_scenario

SSRC = 0x48524B31  # tests/data/sipp/make-rtp-pcap.py's


def run_rtpengine(a, caller: audio.CallerAudio, rate: float, folder: str) -> dict:
    os.makedirs(folder, exist_ok=True)
    recordings = os.path.join(folder, "recordings")
    os.makedirs(recordings, exist_ok=True)
    ng, cli, proxy = free_tcp_port(), free_tcp_port(), free_tcp_port()
    ports = 4 * a.calls + 64
    low = free_udp_range(ports, 33000, 60000)
    engine = subprocess.Popen(
        ["rtpengine", "--table=-1", "--config-file=none", "--foreground", "--log-stderr", "--log-level=5",
         "--interface=127.0.0.1", "--delete-delay=0",
         # The callee sends no media: without these rtpengine ends a call after 60 s of silence from one side.
         "--timeout=3600", "--silent-timeout=3600", f"--listen-ng=127.0.0.1:{ng}", f"--listen-cli=127.0.0.1:{cli}",
         f"--port-min={low}", f"--port-max={low + ports - 1}",
         f"--recording-dir={recordings}", "--recording-method=pcap"],
        stdout=open(os.path.join(folder, "rtpengine.log"), "w"), stderr=subprocess.STDOUT, cwd=folder,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_CORE, (0, 0)))  # it may dump core as it stops
    callee = Callee(folder)
    kamailio = subprocess.Popen(
        ["kamailio", "-DD", "-E", "-f", os.path.join(HERE, "kamailio-rtpengine.cfg"), "-w", folder, "-Y", folder,
         "-m", "256", "-M", "16", "-A", f"LISTEN=udp:127.0.0.1:{proxy}", "-A", f'UAS="sip:127.0.0.1:{callee.port}"',
         "-A", f'RTPENGINE="udp:127.0.0.1:{ng}"'],
        stdout=open(os.path.join(folder, "kamailio.log"), "w"), stderr=subprocess.STDOUT)
    try:
        time.sleep(2)
        for proc, name in ((engine, "rtpengine"), (kamailio, "kamailio"), (callee.proc, "the SIPp UAS")):
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited with {proc.returncode}; see {folder}")
        sampler = Sampler(engine.pid).start()
        capture = Capture(os.path.join(folder, "markers.pcap"), MARKER_PACKETS)
        # The media program keeps each call on its schedule, catching up if it was held up: hang up 3 s after the
        # capture (lead-in, speech, '#') should have ended.
        played_ms = int(1000 * (caller.lead_seconds + caller.speech_seconds) + 3_000)
        scenario = write_scenario("uac-proxy.xml", folder, pt=audio.PAYLOAD_TYPE[a.codec], ptime=a.ptime, pause=played_ms)
        load_before = load_average()
        timeout = played_ms / 1000 + a.calls / rate + 90
        callers = Callers(scenario, f"127.0.0.1:{proxy}", a.calls, rate, a.per_sipp, folder, timeout, caller.pcap)
        codes = callers.wait(timeout)
        packets = capture.stop()
        # rtpengine closes a call's pcap (and writes its metadata file) when the BYE deletes the call.
        deadline = time.monotonic() + 20
        while len(os.listdir(os.path.join(recordings, "metadata"))) < a.calls and time.monotonic() < deadline:
            time.sleep(0.2)
        sampler.stop()
        load_after = load_average()
    finally:
        for proc in (kamailio, engine):
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        callee.stop()

    # Packets from the callers to rtpengine (rtpengine's copies on to the UAS come from its own ports).
    first_audio, first_pound = first_packets(packets, callers.owns)
    window, cpu_ms, callers_cpu_ms = None, None, None
    streams = [p for p in first_audio if p in first_pound]
    if streams:
        start = max(first_audio[p] for p in streams) + 0.5
        end = min(first_pound[p] for p in streams) - 0.2
        if end - start >= 2:
            window = end - start
            cpu_ms = 1000 * sampler.cpu_between(start, end) / (len(streams) * window)
            callers_cpu_ms = {k: 1000 * v / (len(streams) * window) for k, v in callers.cpu_between(start, end).items()}
    expected = expected_sequence_numbers(caller)
    files = glob.glob(os.path.join(recordings, "pcaps", "*.pcap"))
    recorded = [recorded_sequence_numbers(f) for f in files]
    complete = sum(1 for r in recorded if r >= expected)
    # A recording that lacks only a tail is one whose call ended before its caller's playback did.
    tail_cut = sum(1 for r in recorded if not r >= expected and r == {s for s in expected if s <= max(r, default=-1)})
    result = {
        "sipp_exit_codes": codes, "sipp_failed": sum(1 for c in codes if c != 0),
        "recording_files": len(files), "recordings_complete": complete, "recordings_cut_by_caller": tail_cut,
        "caller_lag_ms": percentiles(caller_lag(first_audio, first_pound, len(caller.reference) / audio.RATE)),
        "window_seconds": window, "calls_in_window": len(streams), "cpu_ms_per_call_second": cpu_ms, "load_average": [load_before, load_after],
        "callers_cpu_ms_per_call_second": callers_cpu_ms, "callers_cpu_seconds": callers.cpu_seconds(), "callers_media": callers.media_counts,
        "idle_rss_mb": sampler.samples[0][2] / 1024 if sampler.samples else None,
        "peak_rss_mb": max(s[2] for s in sampler.samples) / 1024 if sampler.samples else None,
    }
    report("rtpengine", a.calls, result)
    return result


def expected_sequence_numbers(caller: audio.CallerAudio) -> set:
    """Every RTP sequence number in the caller's capture (audio and '#')."""
    return {int.from_bytes(p[2:4], "big") for p in _rtp(read_udp_pcap(caller.pcap))}


def recorded_sequence_numbers(path: str) -> set:
    """Sequence numbers of the caller's packets in one rtpengine pcap recording: every RTP header with the
    caller's SSRC (found by its bytes, at C speed: the files hold every packet of a call, both ways)."""
    with open(path, "rb") as f:
        data = f.read()
    found = set()
    for m in re.finditer(SSRC.to_bytes(4, "big"), data):
        at = m.start() - 8
        if at >= 0 and data[at] == 0x80 and data[at + 1] & 0x7F in (0, 8, 101):
            found.add(int.from_bytes(data[at + 2:at + 4], "big"))
    return found


def _rtp(packets):
    for _, _, _, payload in packets:
        if len(payload) >= 12 and payload[0] >> 6 == 2 and int.from_bytes(payload[8:12], "big") == SSRC:
            yield payload
