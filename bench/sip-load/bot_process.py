"""Runs the bench bot (bot/, C#, ASP.NET Core) as its own process and reads back what it saw of each call.

The bot is a minimal Graph bot over plain HTTP, not the Microsoft Graph SDK: it gets a client-credentials
token, answers every incoming call, starts recordResponse once the call is established, downloads the WAV
when the operation's completion arrives and hangs up. See docs/benchmarks.md.
"""
import json
import os
import signal
import subprocess
import threading
from dataclasses import dataclass, field

from measure import cpu_seconds

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.join(HERE, "bot")
BOT_DLL = os.path.join(PROJECT, "bin/Release/net10.0/Hark.SipLoadBot.dll")


def build():
    subprocess.run(["dotnet", "build", PROJECT, "-c", "Release", "-v", "q", "-nologo"], check=True)


@dataclass
class BotCall:
    call_id: str
    caller: str = ""  # the SIP From user: the caller's RTP port in bench/sip-load's scenario
    incoming_at: float = 0.0
    record_started_at: float = 0.0  # when recordResponse was accepted (Unix time, tcpdump's clock)
    completed_at: float = 0.0  # when the operation's completion notification arrived
    operation: dict = field(default_factory=dict)
    wav_path: str = ""
    error: str = ""
    finished: bool = False


class Bot:
    def __init__(self, hark_url: str, client_id: str, secret: str, folder: str, prompt_uri: str | None = None):
        # The WAVs go to folder; the bot's log and its calls (bot-calls.json) next to it.
        self.logs = os.path.dirname(os.path.abspath(folder))
        self.results = os.path.join(self.logs, "bot-calls.json")
        self.args = ["--hark", hark_url, "--client-id", client_id, "--secret", secret, "--folder", folder, "--results", self.results]
        self.prompt_uri = prompt_uri
        self.calls: dict[str, BotCall] = {}
        self.failures: list[str] = []
        self.completed = 0
        self.done = threading.Condition()
        self.proc = None

    def start(self, port: int) -> int:
        args = self.args + ["--port", str(port)]
        if self.prompt_uri:  # a data: URI can outgrow a command-line argument
            path = os.path.join(self.logs, "prompt-uri.txt")
            with open(path, "w") as f:
                f.write(self.prompt_uri)
            args += ["--prompt-file", path]
        with open(os.path.join(self.logs, "bot.log"), "w") as log:
            self.proc = subprocess.Popen(["dotnet", BOT_DLL] + args, stdout=subprocess.PIPE, stderr=log, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("listening"):
            self.proc.wait()
            raise RuntimeError(f"the bot did not start ({self.proc.returncode}); see {self.logs}/bot.log")
        threading.Thread(target=self._read, daemon=True).start()
        return int(line.split()[1])

    def _read(self):
        for line in self.proc.stdout:
            if line.startswith("finished"):
                with self.done:
                    self.completed = int(line.split()[1])
                    self.done.notify_all()

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.proc.pid)

    def wait(self, count: int, timeout: float) -> bool:
        with self.done:
            return self.done.wait_for(lambda: self.completed >= count, timeout)

    def stop(self):
        """Stops the bot, which writes what it saw of each call; loads it into calls and failures."""
        if not self.proc or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise
        with open(self.results) as f:
            results = json.load(f)
        self.calls = {c["call_id"]: BotCall(**c) for c in results["calls"]}
        self.failures = results["failures"]
