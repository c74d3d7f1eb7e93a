#!/usr/bin/env python3
"""Extracts RFC 4733 telephone-event RTP packets from classic pcap files into a text vector file.

Usage: extract_rfc4733.py [--pt 101] OUT.txt NAME=EXPECTED:FILE.pcap ...
  e.g. extract_rfc4733.py sipp-dtmf.txt 1=1:/usr/share/sip-tester/dtmf_2833_1.pcap

Hand-rolled parsing (struct only): pcap global header, Ethernet (with optional 802.1Q tags),
IPv4, UDP, RTP fixed header (+ CSRCs, extension, padding). Only packets whose RTP payload type
equals --pt are kept. Output format, one record per line, '#' starts a comment:
  capture <name> <expected keypad characters>
  packet <sequence number> <rtp timestamp> <marker 0|1> <payload hex>
"""
import struct
import sys


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        endian = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        endian = ">"
    else:
        raise ValueError(f"{path}: not a classic pcap file")
    linktype = struct.unpack_from(endian + "I", data, 20)[0]
    if linktype != 1:
        raise ValueError(f"{path}: link type {linktype} is not Ethernet")
    offset = 24
    while offset + 16 <= len(data):
        _, _, incl_len, _ = struct.unpack_from(endian + "IIII", data, offset)
        offset += 16
        yield data[offset:offset + incl_len]
        offset += incl_len


def udp_payload(frame):
    ethertype = struct.unpack_from(">H", frame, 12)[0]
    pos = 14
    while ethertype == 0x8100:  # 802.1Q VLAN tag
        ethertype = struct.unpack_from(">H", frame, pos + 2)[0]
        pos += 4
    if ethertype != 0x0800:
        return None
    version_ihl = frame[pos]
    if version_ihl >> 4 != 4 or frame[pos + 9] != 17:  # IPv4 carrying UDP only
        return None
    total_length = struct.unpack_from(">H", frame, pos + 2)[0]
    ip_end = pos + total_length
    pos += (version_ihl & 0x0F) * 4
    udp_length = struct.unpack_from(">H", frame, pos + 4)[0]
    return frame[pos + 8:min(pos + udp_length, ip_end)]


def rtp_packet(datagram):
    if datagram is None or len(datagram) < 12 or datagram[0] >> 6 != 2:
        return None
    first, second, seq, ts = struct.unpack_from(">BBHI", datagram, 0)
    pos = 12 + (first & 0x0F) * 4
    if first & 0x10:  # header extension: 4-byte header then length words
        ext_words = struct.unpack_from(">H", datagram, pos + 2)[0]
        pos += 4 + ext_words * 4
    end = len(datagram)
    if first & 0x20:  # padding: last octet counts padding bytes
        end -= datagram[-1]
    return second & 0x7F, bool(second & 0x80), seq, ts, datagram[pos:end]


def main(argv):
    pt = 101
    if len(argv) > 1 and argv[0] == "--pt":
        pt = int(argv[1])
        argv = argv[2:]
    out_path, specs = argv[0], argv[1:]
    lines = ["# RFC 4733 telephone-event packets extracted by extract_rfc4733.py (payload type %d)." % pt]
    for spec in specs:
        label, rest = spec.split("=", 1)
        expected, path = rest.split(":", 1)
        lines.append(f"# source: {path}")
        lines.append(f"capture {label} {expected}")
        for frame in read_pcap(path):
            rtp = rtp_packet(udp_payload(frame))
            if rtp is None or rtp[0] != pt:
                continue
            _, marker, seq, ts, payload = rtp
            lines.append(f"packet {seq} {ts} {int(marker)} {payload.hex()}")
    with open(out_path, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
