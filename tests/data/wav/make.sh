#!/usr/bin/env bash
# Regenerates the WAV reader test files with sox, plus sox's own decode of each to raw PCM16.
#   <name>.wav : 0.1 s of a sweep (channel 1) and tones (other channels) in the named format
#   <name>.s16 : sox's decode of <name>.wav to signed 16-bit little-endian, channels interleaved
# -D turns off dither so the reference decode is deterministic. sox writes WAVE_FORMAT_EXTENSIBLE
# by itself for more than 2 channels or more than 16 bits (`-t wavpcm` forces the plain header).
# sox 14.4 writes no LIST chunk for --comment, so the tests build extra/odd chunks in memory.
set -euo pipefail
cd "$(dirname "$0")"
rm -f ./*.wav ./*.s16

make() { # name rate channels type-and-encoding...
  local name=$1 rate=$2 channels=$3; shift 3
  local tones=(sine 150:3500 sine 440 sine 1000 sine 2500)
  sox -D -n -r "$rate" -c "$channels" "$@" "$name.wav" synth 0.1 "${tones[@]:0:$((2 * channels))}" gain -1
  sox -D "$name.wav" -t raw -e signed -b 16 -L "$name.s16"
}

make pcm16-8k-mono            8000 1 -e signed -b 16
make pcm16-16k-stereo        16000 2 -e signed -b 16
make pcm16-16k-4ch           16000 4 -e signed -b 16
make pcm8-8k-mono             8000 1 -e unsigned -b 8
make pcm24-48k-stereo        48000 2 -e signed -b 24
make pcm24-16k-mono-plain    16000 1 -t wavpcm -e signed -b 24
make pcm32-16k-mono          16000 1 -e signed -b 32
make float32-44k-stereo      44100 2 -e floating-point -b 32
make float32-48k-3ch         48000 3 -e floating-point -b 32
make float64-8k-mono          8000 1 -e floating-point -b 64
make mulaw-8k-mono            8000 1 -e mu-law
make alaw-8k-mono             8000 1 -e a-law
make alaw-8k-stereo           8000 2 -e a-law

sha256sum ./*.wav ./*.s16
