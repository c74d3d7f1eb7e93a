#!/usr/bin/env python3
"""Writes G.711 audio as an RTP stream in a libpcap file that SIPp's play_pcap_audio can send.

Standard library only. One Ethernet/IPv4/UDP/RTP packet per ptime of audio, then, with --dtmf,
one RFC 4733 event per key: three updates of growing duration and three copies of the end packet,
one packet interval apart, each event starting where the previous audio or event ended.
SIPp rewrites the addresses and ports when it plays the file, so the ones written here are dummies.
"""
import argparse
import struct

CLOCK = 8000
PAYLOAD_TYPES = {"pcmu": 0, "pcma": 8}
SILENCE = {"pcmu": 0xFF, "pcma": 0xD5}
EVENT_PT = 101
EVENT_CODES = {**{str(d): d for d in range(10)}, "*": 10, "#": 11}
SSRC = 0x48524B31
FIRST_SEQ = 4000
FIRST_TS = 80000
EPOCH = 1_700_000_000  # fixed capture time keeps the file byte-for-byte reproducible
SRC, DST = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
SPORT, DPORT = 10000, 20000


def ip_checksum(header: bytes) -> int:
    total = sum(struct.unpack(f"!{len(header) // 2}H", header))
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def frame(rtp: bytes, ident: int) -> bytes:
    udp_len = 8 + len(rtp)
    pseudo = SRC + DST + struct.pack("!BBH", 0, 17, udp_len)
    udp = struct.pack("!HHHH", SPORT, DPORT, udp_len, 0) + rtp
    padded = pseudo + udp + (b"\0" if len(udp) % 2 else b"")
    udp = udp[:6] + struct.pack("!H", ip_checksum(padded) or 0xFFFF) + udp[8:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + udp_len, ident, 0x4000, 64, 17, 0, SRC, DST)
    ip = ip[:10] + struct.pack("!H", ip_checksum(ip)) + ip[12:]
    ethernet = bytes.fromhex("020000000002" "020000000001") + struct.pack("!H", 0x0800)
    return ethernet + ip + udp


def rtp_header(marker: bool, pt: int, seq: int, ts: int) -> bytes:
    return struct.pack("!BBHII", 0x80, (0x80 if marker else 0) | pt, seq & 0xFFFF, ts & 0xFFFFFFFF, SSRC)


def packets(audio: bytes, codec: str, ptime: int, keys: str, drop=frozenset()):
    """Yields (send time in microseconds, RTP packet); audio packets whose index is in drop are lost on the way."""
    step = CLOCK * ptime // 1000
    seq, ts, at = FIRST_SEQ, FIRST_TS, 0
    for i in range(0, len(audio), step):
        chunk = audio[i:i + step].ljust(step, bytes([SILENCE[codec]]))
        if i // step not in drop:
            yield at, rtp_header(i == 0, PAYLOAD_TYPES[codec], seq, ts) + chunk
        seq, ts, at = seq + 1, ts + step, at + ptime * 1000
    for key in keys:
        code = EVENT_CODES[key]
        for n in range(1, 4):  # updates: marker on the first, duration so far
            yield at, rtp_header(n == 1, EVENT_PT, seq, ts) + struct.pack("!BBH", code, 10, n * step)
            seq, at = seq + 1, at + ptime * 1000
        for _ in range(3):  # the end packet three times (RFC 4733 2.5.1.4), one step longer
            yield at, rtp_header(False, EVENT_PT, seq, ts) + struct.pack("!BBH", code, 0x80 | 10, 4 * step)
            seq, at = seq + 1, at + ptime * 1000
        ts += 4 * step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--codec", choices=sorted(PAYLOAD_TYPES), required=True)
    parser.add_argument("--ptime", type=int, choices=[10, 20, 30, 40], default=20)
    parser.add_argument("--dtmf", default="", help="RFC 4733 keys sent after the audio, e.g. '#'")
    parser.add_argument("--drop", default="", help="indices of audio packets lost on the way, e.g. '30,31,70'")
    parser.add_argument("audio", help="raw G.711 bytes (sox -t ul / -t al)")
    parser.add_argument("pcap")
    args = parser.parse_args()
    drop = frozenset(int(n) for n in args.drop.split(",") if n)
    with open(args.audio, "rb") as f:
        audio = f.read()
    with open(args.pcap, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))  # libpcap, Ethernet
        for ident, (at, rtp) in enumerate(packets(audio, args.codec, args.ptime, args.dtmf, drop)):
            data = frame(rtp, ident)
            out.write(struct.pack("<IIII", EPOCH + at // 1_000_000, at % 1_000_000, len(data), len(data)))
            out.write(data)


if __name__ == "__main__":
    main()
