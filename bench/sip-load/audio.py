"""The caller's audio and the check of every recording against it. Standard library only.

make_caller_audio() speaks a paragraph with espeak-ng, cuts it to the call's length with sox, encodes it
with sox (an encoder independent of Hark's) and writes the RTP capture every caller sends (callers.c plays it),
with tests/data/sipp/make-rtp-pcap.py: lead-in silence, the speech, then an RFC 4733 '#'.

check_recording() compares one WAV from Hark with the G.711 decode of what was sent.
"""
import array
import importlib.util
import io
import math
import operator
import os
import struct
import subprocess
import wave
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RATE = 8000

TEXT = (
    "Hello Hark, this is a caller leaving a long message for the load benchmark. "
    "The quick brown fox jumps over the lazy dog while the weather stays calm and bright. "
    "Please call me back tomorrow morning about the delivery of the seven blue boxes. "
    "Every word of this message should reach the recording, from the first syllable to the last one. "
    "My number is five five five, one two three four, and I am available after nine. "
    "Thank you for listening, and have a very pleasant day with your family and friends. "
)

SILENCE_BYTE = {"pcmu": 0xFF, "pcma": 0xD5}
SOX_TYPE = {"pcmu": "ul", "pcma": "al"}
PAYLOAD_TYPE = {"pcmu": 0, "pcma": 8}


def _load_pcap_writer():
    spec = importlib.util.spec_from_file_location("make_rtp_pcap", os.path.join(ROOT, "tests/data/sipp/make-rtp-pcap.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class CallerAudio:
    codec: str
    ptime: int
    pcap: str
    reference: array.array  # the G.711 decode of every audio packet sent (8 kHz), lead-in included
    lead_seconds: float
    speech_seconds: float  # speech start to the '#' onset


def make_caller_audio(folder: str, codec: str, ptime: int, speech_seconds: float, lead_seconds: float) -> CallerAudio:
    os.makedirs(folder, exist_ok=True)
    voice = os.path.join(folder, "voice.wav")
    speech = os.path.join(folder, f"speech-{speech_seconds:g}s.wav")
    if not os.path.exists(speech):
        # The paragraph is about 30 s spoken; say it often enough that no silence pads the cut.
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "170", "-w", voice, TEXT * (math.ceil(speech_seconds / 25) + 1)], check=True)
        # Leading silence cut so the speech starts at once, repeated as needed, cut to length, faded at the
        # cut ends so they do not click, normalised below full scale so G.711 does not clip.
        subprocess.run(["sox", "-D", voice, "-r", str(RATE), "-c", "1", "-b", "16", speech,
                        "silence", "1", "0.01", "0.5%", "trim", "0", f"{speech_seconds:.3f}",
                        "fade", "0.01", f"{speech_seconds:.3f}", "0.01", "norm", "-3"], check=True)
    encoded = os.path.join(folder, f"caller-{codec}.raw")
    subprocess.run(["sox", "-D", speech, "-t", SOX_TYPE[codec], encoded, "pad", f"{lead_seconds:.3f}", "0"], check=True)
    with open(encoded, "rb") as f:
        g711 = f.read()
    step = RATE * ptime // 1000
    g711 += bytes([SILENCE_BYTE[codec]]) * (-len(g711) % step)  # what the pcap writer pads the last packet with
    pcap = os.path.join(folder, f"caller-{codec}-{ptime}ms.pcap")
    writer = _load_pcap_writer()
    with open(pcap, "wb") as out:
        out.write(_pcap_header())
        for ident, (at, rtp) in enumerate(writer.packets(g711, codec, ptime, "#")):
            data = writer.frame(rtp, ident)
            out.write(_record_header(writer.EPOCH, at, len(data)) + data)
    table = ulaw_table() if codec == "pcmu" else alaw_table()
    reference = array.array("h", (table[b] for b in g711))
    return CallerAudio(codec, ptime, pcap, reference, lead_seconds, len(g711) / RATE - lead_seconds)


def _pcap_header() -> bytes:
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)


def _record_header(epoch: int, at: int, length: int) -> bytes:
    return struct.pack("<IIII", epoch + at // 1_000_000, at % 1_000_000, length, length)


def ulaw_table():
    out = []
    for b in range(256):
        u = ~b & 0xFF
        t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4)
        out.append(0x84 - t if u & 0x80 else t - 0x84)
    return out


def alaw_table():
    out = []
    for b in range(256):
        a = b ^ 0x55
        t = (a & 0x0F) << 4
        seg = (a & 0x70) >> 4
        t = t + 8 if seg == 0 else (t + 0x108) << (seg - 1)
        out.append(t if a & 0x80 else -t)
    return out


@dataclass
class Verdict:
    ok: bool
    seconds: float  # the WAV's length
    speech_seconds: float  # from the speech's onset in the WAV to the WAV's end
    worst_piece: float  # lowest correlation of a piece of speech with what was sent at its place
    problem: str = ""
    kinds: tuple = ()  # short, long, audio inserted, audio lost, audio altered, piece not found, bad start, late start, no recording


ONSET = 64  # first sample at least this loud marks the speech's start (the lead-in is digital silence)
PIECE = RATE // 2  # content is compared in 0.5 s pieces


def check_recording(wav_bytes: bytes, sent: CallerAudio, tolerance: float = 0.1, threshold: float = 0.9) -> Verdict:
    """The recording must hold the speech from its start to the '#' onset (within tolerance seconds), and
    every 0.5 s piece of it must match what was sent at the same place (normalised correlation)."""
    with wave.open(io.BytesIO(wav_bytes)) as w:
        rate, frames = w.getframerate(), w.readframes(w.getnframes())
    wide = array.array("h", frames)
    seconds = len(wide) / rate
    if rate not in (RATE, 2 * RATE):
        return Verdict(False, seconds, 0, 0, f"sample rate {rate}")
    ref = sent.reference
    ref_onset = _onset(ref)
    # At 16 kHz, one of the two phases holds the 8 kHz input (Hark's 8 -> 16 kHz half-band keeps it, shifted
    # by its delay): take the phase that matches best at the speech's start.
    best = None
    for phase in ((0, 1) if rate == 2 * RATE else (0,)):
        samples = wide[phase::rate // RATE]
        wav_onset = _onset(samples)
        if wav_onset is None:
            continue
        lag, score = _best_lag(ref, samples, ref_onset, wav_onset)
        if best is None or score > best[3]:
            best = (samples, wav_onset, lag, score)
        if score == 1.0:
            break
    if best is None:
        return Verdict(False, seconds, 0, 0, "no speech in the recording", ("no speech",))
    samples, wav_onset, lag, score = best
    shift = wav_onset + lag - ref_onset  # wav index = ref index + shift
    if score < threshold:
        # Damage inside the first 0.5 s, or a late start: where do the recording's first 50 ms come from?
        start = _exact_start(ref, wide, rate)
        if start is None:
            return Verdict(False, seconds, 0, score, f"the first 0.5 s of speech matches only {score:.2f}", ("bad start",))
        phase, at = start
        if at > ref_onset + RATE // 50:
            return Verdict(False, seconds, 0, score, f"the recording starts {1000 * (at - ref_onset) / RATE:.0f} ms "
                           "after the speech's start", ("late start",))
        samples, shift = wide[phase::rate // RATE], -at
    speech = (len(samples) - shift - ref_onset) / RATE  # from the speech's start to the recording's end
    expected = (len(ref) - ref_onset) / RATE  # from the speech's start to the '#' onset
    worst = 1.0
    problem = ""
    start = ref_onset
    ref_bytes, wav_bytes = ref.tobytes(), samples.tobytes()  # bytes compare with memcmp
    while start + PIECE <= len(ref) and start + shift + PIECE <= len(samples):
        if ref_bytes[2 * start:2 * (start + PIECE)] == wav_bytes[2 * (start + shift):2 * (start + shift + PIECE)]:
            start += PIECE  # sample-exact, as an undamaged recording is: no need to correlate
            continue
        piece = _ncc(ref, start, samples, start + shift, PIECE)
        if piece is not None and piece < worst:
            worst = piece
            if piece < threshold:
                problem = f"piece at {(start - ref_onset) / RATE:.1f} s of speech matches only {piece:.2f}" + _displacement(ref, start + PIECE, samples, start + PIECE + shift)
                break  # what follows is displaced too; the first damage is the one to report
        start += PIECE
    kinds = [k for k in ("audio inserted", "audio lost", "audio altered", "piece not found") if problem and k.split()[-1] in problem]
    if abs(speech - expected) > tolerance:
        kinds.insert(0, "short" if speech < expected else "long")
        problem = f"speech {speech:.3f} s in the recording, {expected:.3f} s sent" + ("; " + problem if problem else "")
    return Verdict(not problem, seconds, speech, worst, problem, tuple(kinds))


def _displacement(ref, start, wav, at, reach=RATE // 2, probe=RATE // 20):
    """Where the next piece of speech really is in the recording, as a note: audio inserted (concealment),
    lost, or altered in place. Found by an exact match of 50 ms, as undamaged audio matches exactly."""
    if start + probe > len(ref):
        return ""
    needle = ref[start:start + probe].tobytes()
    hay = wav.tobytes()
    for d in (d for k in range(reach + 1) for d in ((k, -k) if k else (0,))):  # nearest first
        lo = 2 * (at + d)
        if 0 <= lo and hay[lo:lo + len(needle)] == needle:
            if d == 0:
                return " (the rest is in place: audio altered inside the piece)"
            return f" (the next is {1000 * d / RATE:+.0f} ms from its place: audio {'inserted' if d > 0 else 'lost'} before it)"
    return " (the next piece is not found within 0.5 s of its place)"


def _exact_start(ref, wide, rate):
    """(phase, index in ref) where the recording's first 50 ms are found exactly, or None."""
    hay = ref.tobytes()
    for phase in range(rate // RATE):
        at = hay.find(wide[phase::rate // RATE][:RATE // 20].tobytes())
        while at >= 0 and at % 2:
            at = hay.find(wide[phase::rate // RATE][:RATE // 20].tobytes(), at + 1)
        if at >= 0:
            return phase, at // 2
    return None


def _onset(samples):
    for i, s in enumerate(samples):
        if s >= ONSET or s <= -ONSET:
            return i
    return None


def _best_lag(ref, wav, ref_onset, wav_onset, search=8):
    if ref[ref_onset:ref_onset + PIECE].tobytes() == wav[wav_onset:wav_onset + PIECE].tobytes():
        return 0, 1.0
    best, best_lag = -2.0, 0
    for lag in range(-search, search + 1):
        score = _ncc(ref, ref_onset, wav, wav_onset + lag, PIECE)
        if score is not None and score > best:
            best, best_lag = score, lag
    return best_lag, best


def _ncc(a, a0, b, b0, n):
    """Normalised correlation of a[a0:a0+n] and b[b0:b0+n]; None where the sent piece is silent."""
    if a0 < 0 or b0 < 0 or a0 + n > len(a) or b0 + n > len(b):
        return 0.0
    x, y = a[a0:a0 + n], b[b0:b0 + n]
    xx = sum(map(operator.mul, x, x))
    if xx < n * 100:  # a pause in the speech: only require the recording to be quiet there too
        yy = sum(map(operator.mul, y, y))
        return None if yy < n * 400 else 0.0
    yy = sum(map(operator.mul, y, y))
    if yy == 0:
        return 0.0
    return sum(map(operator.mul, x, y)) / math.sqrt(xx * yy)


def prompt_data_uri(seconds: float) -> str:
    """A prompt for Hark to play: a 440 Hz tone at -12 dBFS, 8 kHz 16-bit mono WAV, as an RFC 2397 data: URI."""
    import base64
    import io
    import math
    import struct
    import wave
    count = int(8000 * seconds)
    pcm = struct.pack(f"<{count}h", *(int(8190 * math.sin(2 * math.pi * 440 * i / 8000)) for i in range(count)))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(pcm)
    return "data:audio/wav;base64," + base64.b64encode(buffer.getvalue()).decode()
