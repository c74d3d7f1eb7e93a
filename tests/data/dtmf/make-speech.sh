#!/usr/bin/env bash
# Builds speech-8k.wav: ~75 s of synthetic speech (espeak-ng, several languages, voices and
# speeds) for the DTMF talk-off tests. Output: 8 kHz, 16-bit signed PCM, mono, 44-byte header.
# Usage: tests/data/dtmf/make-speech.sh   (needs espeak-ng and sox; -D turns dither off so reruns are byte-identical)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# voice|words-per-minute|pitch|text
lines=(
  "en|160|50|Please leave your message after the tone, and press the pound key when you are finished."
  "en+f3|175|60|Thank you for calling. All of our agents are busy right now, so your call will be answered in turn."
  "en-us+f2|190|70|My account number is four five nine two, and I would like to check my balance for last month."
  "de|150|50|Guten Tag, bitte hinterlassen Sie eine Nachricht nach dem Signalton. Wir rufen Sie so bald wie moeglich zurueck."
  "de+f4|170|65|Die Lieferung kommt am Donnerstag zwischen neun und zwoelf Uhr, bitte seien Sie zu Hause."
  "fr|155|50|Bonjour, vous etes bien sur la messagerie vocale. Laissez votre message apres le bip sonore."
  "en+m3|120|30|Hello? Hello? Can you hear me? I am calling about the invoice that arrived yesterday afternoon."
  "en-gb+f5|150|80|Oh, I see. Well, that is rather unfortunate. Could you possibly ring me back a bit later on today?"
  "en+m1|200|45|One two three four five six seven eight nine zero, star, hash, and then the operator again."
  "en-us+m7|130|35|Ooh, aah, mmm. Yeah, sure, sounds good to me. Let me think about it and get back to you soon."
  "en+f4|160|90|Wonderful! Really wonderful! I never expected a surprise like this on my birthday, thank you all."
)

i=0
parts=()
for line in "${lines[@]}"; do
  IFS='|' read -r voice speed pitch text <<<"$line"
  raw="$tmp/$(printf '%02d' "$i").wav"
  espeak-ng -v "$voice" -s "$speed" -p "$pitch" -w "$tmp/espeak.wav" "$text"
  # Telephone-like: 8 kHz, 300-3400 Hz band, normalised to -3 dBFS peak, 0.2 s pause after.
  sox -D "$tmp/espeak.wav" -r 8000 -c 1 -b 16 -e signed-integer "$raw" \
    sinc 300-3400 gain -n -3 pad 0 0.2
  parts+=("$raw")
  i=$((i + 1))
done

sox -D "${parts[@]}" -r 8000 -c 1 -b 16 -e signed-integer "$here/speech-8k.wav"
soxi "$here/speech-8k.wav"
# The checked-in file must stay under 1.3 MB (about 80 s); shorten the list above if not.
test "$(stat -c %s "$here/speech-8k.wav")" -le 1300000
