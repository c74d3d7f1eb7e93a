#!/usr/bin/env bash
# Regenerates the G.711 reference vectors with sox (independent of Hark's code).
#   mulaw-decode.s16 / alaw-decode.s16 : the 256 codes 0x00..0xFF decoded, int16 little-endian
#   mulaw-encode.u8  / alaw-encode.u8  : every int16 -32768..32767 (ascending) encoded, one byte each
# -D turns off sox's dither, which would otherwise randomise the encode.
# Note: sox rounds to 14 (mu-law) / 13 (A-law) bits before quantising, which moves every G.711
# decision value by half a step; the tests accept sox's encode only away from decision values.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
perl -e 'print pack("C*", 0..255)' > "$tmp/codes.u8"
perl -e 'print pack("s<*", -32768..32767)' > "$tmp/ramp.s16"
for law in mu-law a-law; do
  name=${law/-/}
  sox -D -t raw -r 8000 -c 1 -e "$law" -b 8 "$tmp/codes.u8" -t raw -e signed -b 16 -L "$name-decode.s16"
  sox -D -t raw -r 8000 -c 1 -e signed -b 16 -L "$tmp/ramp.s16" -t raw -e "$law" -b 8 "$name-encode.u8" 2>/dev/null
done
sha256sum ./*.s16 ./*.u8
