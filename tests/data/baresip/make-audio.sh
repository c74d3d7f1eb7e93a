#!/bin/sh
# Rebuilds speech-8k.wav, baresip's microphone in the baresip tests. Needs espeak-ng and sox.
# Checked in; run this only to change it. It must outlast the test's stop key: baresip's aufile
# source hangs the call up when the file ends.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Exactly 6.00 s at 8 kHz, 16-bit mono: leading silence cut so speech starts at once, short fades,
# normalised below full scale so G.711 does not clip.
espeak-ng -v en-us -s 165 -w "$tmp/voice.wav" \
    "Hello Hark, this is baresip calling from a file. Please record every word I say, until I press the pound key."
sox -D "$tmp/voice.wav" -r 8000 -c 1 -b 16 "$here/speech-8k.wav" \
    silence 1 0.01 0.5% pad 0 6 trim 0 6.0 fade 0.01 6.0 0.02 norm -3
