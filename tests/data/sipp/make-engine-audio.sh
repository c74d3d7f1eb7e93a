#!/bin/sh
# Writes the captures of the media-engine tests from speech-8k.wav (see make-audio.sh), G.711 by sox:
#   speech-long-pound-pcmu.pcap: the speech three times (6 s), then RFC 4733 '#': long enough to stall
#     Hark's media engine for 2 s in the middle of a recording;
#   speech-gaps-pound-pcmu.pcap: the speech with audio packets 30, 31, 32 and 70 lost on the way (sequence
#     numbers and timestamps skip them), then '#': 4 frames Hark must conceal and count.
# Needs sox and python3. The outputs are checked in; run this only to change them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sox -D "$here/speech-8k.wav" "$here/speech-8k.wav" "$here/speech-8k.wav" -t ul "$tmp/long.ul"
sox -D "$here/speech-8k.wav" -t ul "$tmp/speech.ul"
rtp="$here/make-rtp-pcap.py"
python3 "$rtp" --codec pcmu --ptime 20 --dtmf '#' "$tmp/long.ul" "$here/speech-long-pound-pcmu.pcap"
python3 "$rtp" --codec pcmu --ptime 20 --dtmf '#' --drop 30,31,32,70 "$tmp/speech.ul" "$here/speech-gaps-pound-pcmu.pcap"
