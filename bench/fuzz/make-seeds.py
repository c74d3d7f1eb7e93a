#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into OUT/<target>/ from the repository's test data."""
import glob, os, re, struct, sys

root, out = sys.argv[1], sys.argv[2]
data = os.path.join(root, "tests", "data")

def put(target, name, payload):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(payload[:65535])

def sipp_messages():
    """SIP messages from the SIPp scenarios, their [keywords] filled with plausible values."""
    values = {"service": "+15551234", "remote_ip": "127.0.0.1", "remote_port": "5060", "local_ip": "127.0.0.1",
              "local_port": "5070", "transport": "UDP", "call_number": "1", "media_ip": "127.0.0.1",
              "media_port": "6000", "media_ip_type": "4", "pid": "42", "len": "0", "cseq": "1"}
    for path in sorted(glob.glob(os.path.join(data, "sipp", "*.xml"))):
        text = open(path, encoding="utf-8").read()
        for i, block in enumerate(re.findall(r"<!\[CDATA\[(.*?)\]\]>", text, re.S)):
            lines = [line.strip() for line in block.strip().splitlines()]
            if not lines or "SIP/2.0" not in lines[0]:
                continue
            msg = "\r\n".join(lines)
            msg = re.sub(r"\[(\w+)[^\]]*\]", lambda m: values.get(m.group(1), "x" + m.group(1)), msg)
            head, _, body = msg.partition("\r\n\r\n")
            head = re.sub(r"Content-Length: *\S*", "Content-Length: %d" % len(body.encode()), head)
            yield "%s-%d" % (os.path.basename(path)[:-4], i), (head + "\r\n\r\n" + body).encode()

def sdp_of(message):
    _, _, body = message.partition(b"\r\n\r\n")
    return body if body.startswith(b"v=0") else None

def udp_payloads(pcap):
    """UDP payloads of an Ethernet or Linux-cooked pcap (enough for the captures in tests/data)."""
    raw = open(pcap, "rb").read()
    link = struct.unpack("<I", raw[20:24])[0]
    offset, skip = 24, {1: 14, 113: 16}.get(link, 14)
    while offset + 16 <= len(raw):
        incl = struct.unpack("<I", raw[offset + 8:offset + 12])[0]
        frame = raw[offset + 16:offset + 16 + incl]
        offset += 16 + incl
        ip = frame[skip:]
        if len(ip) > 28 and ip[0] >> 4 == 4 and ip[9] == 17:
            yield ip[(ip[0] & 15) * 4 + 8:]

messages = [(os.path.basename(p), open(p, "rb").read()) for p in sorted(glob.glob(os.path.join(data, "rfc4475", "*.sip")))]
messages += list(sipp_messages())
for name, msg in messages:
    put("sip", name, msg)
    sdp = sdp_of(msg)
    if sdp:
        put("sdp", name, sdp)
for i in range(0, len(messages) - 1, 2):
    put("sip-stream", "pair-%d" % i, messages[i][1] + b"\r\n\r\n" + messages[i + 1][1])
for name, msg in messages[:20]:
    put("sip-stream", name, msg)

rtp, events = 0, 0
for pcap in sorted(glob.glob(os.path.join(data, "sipp", "*.pcap"))):
    for payload in udp_payloads(pcap):
        if len(payload) >= 12 and payload[0] >> 6 == 2:
            pt = payload[1] & 0x7F
            if pt == 101 and events < 16:
                put("dtmf", "event-%d" % events, payload[12:])
                put("rtp", "event-%d" % events, payload)
                events += 1
            elif rtp < 8 and pt != 101:
                put("rtp", "audio-%d" % rtp, payload)
                rtp += 1
for key in range(16):
    put("dtmf", "key-%d" % key, struct.pack(">BBH", key, 0x8A, 800))

ssrc = 0x11223344
sr = struct.pack(">BBHI", 0x81, 200, 12, ssrc) + struct.pack(">IIIII", 0xE1, 0x2, 160, 10, 1600) + struct.pack(">IIIIII", 0x55, 0x01000002, 7, 3, 0, 0)
rr = struct.pack(">BBHI", 0x81, 201, 7, ssrc) + struct.pack(">IIIIII", 0x55, 0x01000002, 7, 3, 0, 0)
cname = b"hark@127.0.0.1"
sdes_items = bytes([1, len(cname)]) + cname + b"\x00"
sdes_items += b"\x00" * (-(4 + len(sdes_items)) % 4)
sdes = struct.pack(">BBHI", 0x81, 202, (4 + len(sdes_items)) // 4, ssrc) + sdes_items
bye = struct.pack(">BBHI", 0x81, 203, 1, ssrc)
for name, packet in {"sr": sr, "rr": rr, "sr-sdes": sr + sdes, "rr-sdes-bye": rr + sdes + bye}.items():
    put("rtcp", name, packet)

for path in sorted(glob.glob(os.path.join(data, "wav", "*.wav"))) + [os.path.join(data, "dtmf", "speech-8k.wav")]:
    if os.path.getsize(path) <= 8192:
        put("wav", os.path.basename(path), open(path, "rb").read())

graph = [
    (0, b'{"callbackUri":"https://bot.example/cb","acceptedModalities":["audio"],"mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig"}}'),
    (1, b'{"reason":"busy"}'),
    (2, b'{"bargeInAllowed":true,"playBeep":false,"maxRecordDurationInSeconds":10,"maxSilenceTimeoutInSeconds":5,"stopTones":["#"],"clientContext":"c"}'),
    (3, b'{"clientContext":"c","prompts":[{"@odata.type":"#microsoft.graph.mediaPrompt","mediaInfo":{"uri":"https://bot.example/a.wav","resourceId":"r"}}]}'),
    (4, b'{"clientContext":"c"}'),
    (5, b'{"clientContext":"c"}'),
    (6, b'{"@odata.type":"#microsoft.graph.call","callbackUri":"https://bot.example/cb","targets":[{"@odata.type":"#microsoft.graph.invitationParticipantInfo","identity":{"@odata.type":"#microsoft.graph.identitySet","phone":{"@odata.type":"#microsoft.graph.identity","id":"+15551234"}}}],"requestedModalities":["audio"],"mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig"}}'),
]
for selector, body in graph:
    put("graph", "route-%d" % selector, bytes([selector]) + body)

# Inputs that once crashed a target stay in its seeds: afl-fuzz refuses to start on a seed that crashes.
for path in sorted(glob.glob(os.path.join(root, "bench", "fuzz", "regressions", "*", "*"))):
    put(os.path.basename(os.path.dirname(path)), "regression-" + os.path.basename(path), open(path, "rb").read())
