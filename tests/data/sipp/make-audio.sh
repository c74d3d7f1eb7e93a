#!/bin/sh
# Rebuilds the SIPp audio: speech-8k.wav (the reference the integration tests compare Hark's
# recordings against) and the RTP captures that play_pcap_audio sends. Needs espeak-ng, sox, python3.
# The outputs are checked in; run this only to change them (espeak-ng versions differ slightly).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Exactly 2.00 s of speech at 8 kHz: leading silence cut so the caller talks at once, short fades so
# the cut ends do not click, normalised below full scale so G.711 does not clip.
espeak-ng -v en-us -s 170 -w "$tmp/voice.wav" "Hello Hark, please record this."
sox -D "$tmp/voice.wav" -r 8000 -c 1 -b 16 "$here/speech-8k.wav" \
    silence 1 0.01 0.5% pad 0 2 trim 0 2.0 fade 0.01 2.0 0.02 norm -3

# G.711 encoded by sox, not by Hark's codec, so the tests check Hark against an independent encoder.
sox -D "$here/speech-8k.wav" -t ul "$tmp/speech.ul"
sox -D "$here/speech-8k.wav" -t al "$tmp/speech.al"

rtp="$here/make-rtp-pcap.py"
python3 "$rtp" --codec pcmu --ptime 20 --dtmf '#' "$tmp/speech.ul" "$here/speech-pound-pcmu.pcap"
python3 "$rtp" --codec pcma --ptime 20 --dtmf '#' "$tmp/speech.al" "$here/speech-pound-pcma.pcap"
python3 "$rtp" --codec pcmu --ptime 30 --dtmf '#' "$tmp/speech.ul" "$here/speech-pound-pcmu-30ms.pcap"
python3 "$rtp" --codec pcma --ptime 30 --dtmf '#' "$tmp/speech.al" "$here/speech-pound-pcma-30ms.pcap"
# Speech alone, for calls where the caller must not press the stop key (Hark hangs up, caller hangs up).
python3 "$rtp" --codec pcmu --ptime 20 "$tmp/speech.ul" "$here/speech-pcmu.pcap"

# In-band '#' for callers that offer no telephone-event: 1.5 s of silence (the bot answers and starts
# recording before the speech), the speech, a 0.2 s pause, '#' as 941 Hz + 1477 Hz for 180 ms at
# -10 dBm0 each (peak 7180, 0 dBm0 being a sine of peak 22706), then 0.5 s of silence. Audio only.
sox -D -n -r 8000 -c 1 -b 16 "$tmp/lead.wav" trim 0 1.5
sox -D -n -r 8000 -c 1 -b 16 "$tmp/gap.wav" trim 0 0.2
sox -D -n -r 8000 -c 1 -b 16 "$tmp/tail.wav" trim 0 0.5
sox -D -n -r 8000 -c 1 -b 16 "$tmp/low.wav" synth 0.18 sine 941 gain -13.19
sox -D -n -r 8000 -c 1 -b 16 "$tmp/high.wav" synth 0.18 sine 1477 gain -13.19
sox -D -m -v 1 "$tmp/low.wav" -v 1 "$tmp/high.wav" "$tmp/pound.wav"
sox -D "$tmp/lead.wav" "$here/speech-8k.wav" "$tmp/gap.wav" "$tmp/pound.wav" "$tmp/tail.wav" -t ul "$tmp/inband.ul"
python3 "$rtp" --codec pcmu --ptime 20 "$tmp/inband.ul" "$here/speech-pound-inband-pcmu.pcap"
