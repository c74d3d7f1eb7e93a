#!/usr/bin/env python3
"""Load test: N virtual callers at once, each answered by a minimal bot that records the caller's answer.

Starts nothing itself: run Hark first (scripts/start, or the hark dll) with an application whose
CallbackUri points at this script's listener, e.g.

  dotnet src/Hark.Host/bin/Release/net10.0/hark.dll --urls http://127.0.0.1:5088 \
    --Hark:DataDirectory=/tmp/hark-load --Hark:Applications:0:ClientId=bot \
    --Hark:Applications:0:ClientSecret=secret --Hark:Applications:0:CallbackUri=http://127.0.0.1:5099/cb \
    --Hark:Applications:0:Numbers:0=*
  bench/load/virtual_calls.py --calls 50 --hark http://127.0.0.1:5088 --pid <hark pid>

Each caller waits for the beep, says 2 s of a voice-like signal, stays silent; the bot records with a 1 s
max silence, downloads the WAV and checks its length (2.5 s +/- 0.1 s). Prints the completion latency
(median, max), the recordings that were wrong, and the Hark process's CPU time over the run.
"""
import argparse, base64, sys, urllib.error, io, json, math, os, statistics, struct, threading, time, urllib.request, wave
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

def voice(seconds, rate=8000):
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
        n = int(seconds * rate); frames = bytearray()
        lead = int(0.3 * rate)
        for i in range(lead):
            frames += struct.pack("<h", 0)
        for i in range(n):
            v = sum(math.sin(2 * math.pi * k * 140 * i / rate) / k for k in range(1, 24))
            env = 0.3 + 0.7 * abs(math.sin(math.pi * 3 * i / rate))
            frames += struct.pack("<h", int(3000 * v * env))
        w.writeframes(bytes(frames))
    return out.getvalue()

def request(method, url, token=None, body=None, form=None):
    data = None; headers = {}
    if body is not None:
        data = json.dumps(body).encode(); headers["Content-Type"] = "application/json"
    if form is not None:
        data = "&".join(f"{k}={v}" for k, v in form.items()).encode(); headers["Content-Type"] = "application/x-www-form-urlencoded"
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"{method} {url}: {e.code} {e.read().decode(errors='replace')}") from None

def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--calls", type=int, default=50)
    p.add_argument("--hark", default="http://127.0.0.1:5088")
    p.add_argument("--listen", type=int, default=5099)
    p.add_argument("--client-id", default="bot"); p.add_argument("--secret", default="secret")
    p.add_argument("--pid", type=int)
    p.add_argument("--hold", type=float, default=0, help="seconds of silence before the caller speaks (steady-state cost)")
    a = p.parse_args()
    hark = a.hark.rstrip("/")
    _, body = request("POST", hark + "/common/oauth2/v2.0/token", form={"grant_type": "client_credentials", "client_id": a.client_id, "client_secret": a.secret, "scope": hark + "/.default"})
    token = json.loads(body)["access_token"]
    audio = "data:audio/wav;base64," + base64.b64encode(voice(2.0)).decode()
    lock = threading.Lock(); started = {}; done = {}; results = []; finished = threading.Event()

    def on_notification(n):
        data = n["resourceData"]; url = n["resourceUrl"]; call_id = url.split("/")[3]
        if n["changeType"] == "created" and data.get("state") == "incoming":
            threading.Thread(target=answer, args=(call_id,)).start()
        elif data.get("state") == "established":
            threading.Thread(target=record, args=(call_id,)).start()
        elif "/operations/" in url and n["changeType"] == "deleted":
            threading.Thread(target=fetch, args=(call_id, data)).start()

    def answer(call_id):
        request("POST", f"{hark}/v1.0/communications/calls/{call_id}/answer", token, {"callbackUri": f"http://127.0.0.1:{a.listen}/cb", "mediaConfig": {"@odata.type": "#microsoft.graph.serviceHostedMediaConfig"}, "acceptedModalities": ["audio"]})

    def record(call_id):
        with lock:
            if call_id in started: return
            started[call_id] = time.monotonic()
        request("POST", f"{hark}/v1.0/communications/calls/{call_id}/recordResponse", token, {"maxSilenceTimeoutInSeconds": 1, "maxRecordDurationInSeconds": 10, "initialSilenceTimeoutInSeconds": min(120, int(a.hold) + 10)})

    def fetch(call_id, op):
        end = time.monotonic(); ok = False; seconds = None
        if op.get("recordingLocation"):
            req = urllib.request.Request(op["recordingLocation"], headers={"Authorization": "Bearer " + op["recordingAccessToken"]})
            wav = urllib.request.urlopen(req, timeout=30).read()
            with wave.open(io.BytesIO(wav)) as w:
                seconds = w.getnframes() / w.getframerate()
            ok = abs(seconds - 2.5) <= 0.1
        request("DELETE", f"{hark}/v1.0/communications/calls/{call_id}", token)
        with lock:
            results.append((call_id, ok, seconds, op.get("resultInfo", {}).get("subcode"), end - started.get(call_id, end)))
            if len(results) == a.calls: finished.set()

    seen = set()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(202); self.end_headers()
            # Delivery is at least once: a retried notification carries the same id.
            with lock:
                duplicate = self.headers["X-Hark-Notification-Id"] in seen
                seen.add(self.headers["X-Hark-Notification-Id"])
            if not duplicate:
                for n in json.loads(body)["value"]: on_notification(n)
        def log_message(self, *args): pass

    ThreadingHTTPServer.request_queue_size = 256  # the default backlog of 5 resets connections under a burst
    server = ThreadingHTTPServer(("127.0.0.1", a.listen), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    cpu0 = cpu_seconds(a.pid) if a.pid else None; t0 = time.monotonic()
    script = [{"waitFor": "beep", "timeoutSeconds": 30}] + ([{"silence": a.hold}] if a.hold else []) + [{"play": audio}, {"silence": 5}]
    for _ in range(a.calls):
        request("POST", hark + "/hark/v1/simulator/calls", token, {"script": script})
    finished.wait(120 + a.hold)
    wall = time.monotonic() - t0; cpu = cpu_seconds(a.pid) - cpu0 if a.pid else None
    server.shutdown()
    latencies = [r[4] for r in results]; wrong = [r for r in results if not r[1]]
    print(f"calls {a.calls}, completed {len(results)}, wrong recordings {len(wrong)}")
    if latencies:
        print(f"record start to completion: median {statistics.median(latencies):.2f} s, max {max(latencies):.2f} s (each caller speaks 2.3 s after the beep, then 1 s max silence)")
    print(f"wall {wall:.1f} s" + (f", Hark CPU {cpu:.1f} s ({100 * cpu / wall:.0f}% of one core)" if cpu is not None else ""))
    for r in wrong[:10]: print("  wrong:", r)

if __name__ == "__main__":
    main()
