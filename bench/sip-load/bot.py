"""A minimal Graph bot over plain HTTP (standard library only).

It gets a client-credentials token, answers every incoming call, starts recordResponse (no prompt, no
beep, stop tone '#') once the call is established, downloads the WAV when the operation's completion
arrives and hangs up. It is not the Microsoft Graph SDK: at a thousand calls the SDK's CPU would be on
the same two cores as the server being measured; the wire calls are the same ones (answer,
recordResponse, GET recordingLocation, DELETE call), and the SDK is tested end to end in tests/.
"""
import http.client
import json
import os
import queue
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class BotCall:
    call_id: str
    caller: str = ""  # the SIP From user: the caller's RTP port in bench/sip-load's scenario
    incoming_at: float = 0.0
    record_started_at: float = 0.0  # when recordResponse was accepted (time.time(), tcpdump's clock)
    completed_at: float = 0.0  # when the operation's completion notification arrived
    operation: dict = field(default_factory=dict)
    wav_path: str = ""
    error: str = ""
    finished: bool = False


class Client:
    """Keep-alive HTTP to Hark, one connection per worker thread."""

    def __init__(self, base: str):
        self._url = urllib.parse.urlsplit(base)
        self._local = threading.local()
        self.token = ""

    def request(self, method: str, path: str, body=None, form=None, token=None, raw=False):
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        bearer = token if token is not None else self.token
        if bearer:
            headers["Authorization"] = "Bearer " + bearer
        for attempt in range(2):
            conn = getattr(self._local, "conn", None)
            if conn is None:
                conn = self._local.conn = http.client.HTTPConnection(self._url.hostname, self._url.port, timeout=60)
            try:
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                conn.close()
                self._local.conn = None
                if attempt:
                    raise
        if response.status >= 300:
            raise RuntimeError(f"{method} {path}: {response.status} {payload[:300].decode(errors='replace')}")
        return payload if raw else (json.loads(payload) if payload else None)


class Bot:
    def __init__(self, hark_url: str, client_id: str, secret: str, folder: str, workers: int = 24, prompt_uri: str | None = None):
        self.hark = Client(hark_url)
        self.prompt_uri = prompt_uri
        self.hark_url = hark_url
        self.client_id, self.secret, self.folder = client_id, secret, folder
        self.calls: dict[str, BotCall] = {}
        self.failures: list[str] = []
        self.done = threading.Condition()
        self.completed = 0
        self._lock = threading.Lock()
        self._seen: set[str] = set()
        self._work: queue.Queue = queue.Queue()
        self._workers = [threading.Thread(target=self._work_loop, daemon=True) for _ in range(workers)]
        self.server = None
        os.makedirs(folder, exist_ok=True)

    def start(self, port: int = 0) -> int:
        token = self.hark.request("POST", "/common/oauth2/v2.0/token", form={
            "grant_type": "client_credentials", "client_id": self.client_id, "client_secret": self.secret,
            "scope": self.hark_url + "/.default"})
        self.hark.token = token["access_token"]
        bot = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                arrived = time.time()
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                # Handled before the 202, so a call's next notification (Hark sends one at a time per call)
                # finds this one's effects.
                try:
                    bot._on_notifications(self.headers.get("X-Hark-Notification-Id"), body, arrived)
                except Exception as ex:  # acknowledged all the same: a retry would hold up the call's next ones
                    bot.failures.append(f"notification {body[:200]!r}: {ex}")
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        ThreadingHTTPServer.request_queue_size = 1024
        ThreadingHTTPServer.daemon_threads = True
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        for w in self._workers:
            w.start()
        return self.server.server_address[1]

    def stop(self):
        if self.server:
            self.server.shutdown()
        for _ in self._workers:
            self._work.put(None)

    def wait(self, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self.done:
            while self.completed < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.done.wait(left)
        return True

    def _on_notifications(self, notification_id, body: bytes, arrived: float):
        with self._lock:  # delivery is at least once: a retry carries the same id
            if notification_id in self._seen:
                return
            self._seen.add(notification_id)
        for n in json.loads(body)["value"]:
            url = n.get("resourceUrl", "")
            data = n.get("resourceData") or {}
            if not isinstance(data, dict):
                continue  # a collection (participants): nothing this bot acts on
            call_id = url.split("/")[3] if url.count("/") >= 3 else ""
            if n.get("changeType", "").lower() == "created" and data.get("state") == "incoming":
                call = BotCall(call_id, _caller(data), arrived)
                with self._lock:
                    self.calls[call_id] = call
                self._work.put((self._answer, call))
            elif "/operations/" in url and n.get("changeType", "").lower() == "deleted":
                call = self.calls.get(call_id)
                if call and not call.completed_at:
                    call.completed_at = arrived
                    call.operation = data
                    self._work.put((self._fetch, call))
            elif n.get("changeType", "").lower() == "deleted" and "/operations/" not in url:
                call = self.calls.get(call_id)  # the call ended; if its recording never completed, it is done
                if call and not call.completed_at:
                    call.error = call.error or f"call ended ({(data.get('resultInfo') or {}).get('code')}/" \
                        f"{(data.get('resultInfo') or {}).get('subcode')}) before its recording completed"
                    self._finish(call)
            elif data.get("state") == "established" and "/operations/" not in url:
                call = self.calls.get(call_id)
                if call and not call.record_started_at:
                    call.record_started_at = -1  # claimed; a repeated 'established' starts nothing
                    self._work.put((self._record, call))

    def _work_loop(self):
        while (item := self._work.get()) is not None:
            action, call = item
            try:
                action(call)
            except Exception as ex:  # one broken call is reported with the others
                call.error = call.error or f"{action.__name__}: {ex}"
                if action is self._fetch:
                    self._finish(call)

    def _answer(self, call: BotCall):
        self.hark.request("POST", f"/v1.0/communications/calls/{call.call_id}/answer", {
            "callbackUri": f"http://127.0.0.1:{self.server.server_address[1]}/cb",
            "acceptedModalities": ["audio"],
            "mediaConfig": {"@odata.type": "#microsoft.graph.serviceHostedMediaConfig"}})

    def _record(self, call: BotCall):
        body = {"playBeep": False, "stopTones": ["#"], "initialSilenceTimeoutInSeconds": 10,
                "maxSilenceTimeoutInSeconds": 10, "maxRecordDurationInSeconds": 120}
        if self.prompt_uri:
            # Hark plays the prompt and the beep (sending audio) before it listens; the caller's lead-in covers both.
            body.update(playBeep=True, prompts=[{"@odata.type": "#microsoft.graph.mediaPrompt", "mediaInfo": {
                "@odata.type": "#microsoft.graph.mediaInfo", "uri": self.prompt_uri, "resourceId": "bench-prompt"}}])
        self.hark.request("POST", f"/v1.0/communications/calls/{call.call_id}/recordResponse", body)
        call.record_started_at = time.time()

    def _fetch(self, call: BotCall):
        op = call.operation
        if op.get("recordingLocation"):
            location = urllib.parse.urlsplit(op["recordingLocation"])
            wav = self.hark.request("GET", location.path, token=op.get("recordingAccessToken", ""), raw=True)
            call.wav_path = os.path.join(self.folder, call.call_id + ".wav")
            with open(call.wav_path, "wb") as f:
                f.write(wav)
        self.hark.request("DELETE", f"/v1.0/communications/calls/{call.call_id}")
        self._finish(call)

    def _finish(self, call: BotCall):
        with self.done:
            if not call.finished:
                call.finished = True
                self.completed += 1
                self.done.notify_all()


def _caller(data: dict) -> str:
    identity = (data.get("source") or {}).get("identity") or {}
    for kind in identity.values():
        if isinstance(kind, dict) and kind.get("id"):
            return str(kind["id"])
    return ""
