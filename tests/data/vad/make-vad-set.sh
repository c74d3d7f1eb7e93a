#!/usr/bin/env bash
# Builds the labelled VAD evaluation set (8 kHz; the tests derive the 16 kHz variant with sox).
#   speech-8k.wav        clean speech, PCM16 mono: utterances from several espeak-ng voices and
#                        speeds, each at its own level, separated by known silences (digital zero).
#   noise-white-8k.wav   white noise (sox synth, repeatable seed), G.711 mu-law to halve the size.
#   noise-babble-8k.wav  babble: twelve espeak-ng talkers with pauses removed, each time-reversed
#                        (speech spectrum and rhythm, no intelligible words), summed, band-limited.
# Ground truth is derived from speech-8k.wav by the tests (see VadEvaluationSet.cs), not stored.
# Needs sox and espeak-ng. Output is deterministic for a given espeak-ng/sox version.
set -euo pipefail
cd "$(dirname "$0")"
# -R: repeatable mode, so sox's dither and noise generator use a fixed seed and reruns give identical files.
sox() { command sox -R "$@"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# voice | words per minute | pitch | gain dB | silence after (s) | text
utterances=(
  "en-us|175|50|0|0.9|Thank you for calling, please leave a message."
  "en-gb+f3|185|60|-4|1.3|Hi, it's me, about the delivery on Thursday."
  "en-us+m3|150|40|-8|0.6|My number is four seven one, nine nine two."
  "en-gb-scotland|200|55|-2|1.6|Could somebody call me back today?"
  "en+f2|160|70|-6|0.5|Yes."
  "en-us+klatt|180|45|-3|1.0|The heating has stopped working again."
  "en-gb-x-rp+m1|210|50|-10|0.8|I'll be out, so try my mobile."
  "en-029+f4|140|65|-1|1.4|Please send the invoice to the new address."
  "en-us+m7|190|35|-5|0.4|Sorry, wrong number."
  "en-gb+f5|175|75|-7|1.1|A table for six on Saturday evening."
  "en-us|220|50|-3|0.7|Okay, that's all, thanks, bye."
  "en-gb-x-gbclan+m4|160|45|-9|1.5|The parcel arrived damaged."
  "en-us+f1|185|60|-2|0.9|Can you confirm Monday at ten?"
  "en+m2|165|40|-6|1.2|Hello? Can you hear me?"
)

i=0
parts=()
for u in "${utterances[@]}"; do
  IFS='|' read -r voice wpm pitch gain gap text <<<"$u"
  espeak-ng -v "$voice" -s "$wpm" -p "$pitch" -w "$tmp/raw$i.wav" "$text"
  # Trim espeak's own leading/trailing silence so the gaps below are the known silences.
  sox "$tmp/raw$i.wav" -r 8000 -b 16 -e signed -c 1 "$tmp/utt$i.wav" \
    silence 1 0.01 0.05% reverse silence 1 0.01 0.05% reverse \
    gain -n -3 gain "$gain" pad 0 "$gap"
  parts+=("$tmp/utt$i.wav")
  i=$((i + 1))
done
# One second of lead-in silence, then the utterances; overall level typical of a phone line.
sox -n -r 8000 -b 16 -e signed -c 1 "$tmp/lead.wav" trim 0 1.0
sox "$tmp/lead.wav" "${parts[@]}" "$tmp/speech.wav"
sox "$tmp/speech.wav" -b 16 -e signed speech-8k.wav gain -n -6
len=$(soxi -D speech-8k.wav)

sox -n -r 8000 -c 1 -e u-law -b 8 noise-white-8k.wav synth "$len" whitenoise gain -n -6

# Babble talkers: different voices, speeds and a text unrelated to the speech set.
babble_text="The committee met on a rainy morning to discuss the budget for the coming year. \
Several members raised concerns about the cost of repairs to the old library building, \
while others argued that the park and the swimming pool needed attention first. \
After a long debate the chair suggested a vote, but the meeting ran late and it was postponed. \
Outside, the traffic moved slowly along the river road and the buses were crowded."
talkers=("en-us|150|40" "en-gb+f3|170|70" "en-us+m3|135|30" "en-gb-scotland+f2|185|60" \
         "en+m7|160|45" "en-029+f4|175|65" "en-gb-x-rp|145|50" "en-us+f1|190|75" \
         "en-gb+m2|165|35" "en-us+f5|155|80" "en-gb-x-gbclan+m4|180|55" "en+f2|140|68")
j=0
mix=()
for t in "${talkers[@]}"; do
  IFS='|' read -r voice wpm pitch <<<"$t"
  espeak-ng -v "$voice" -s "$wpm" -p "$pitch" -w "$tmp/b$j.wav" "$babble_text"
  # Remove pauses, loop to the set's length, start each talker at a different point, reverse.
  sox "$tmp/b$j.wav" -r 8000 -b 16 -e signed -c 1 "$tmp/bt$j.wav" \
    silence 1 0.02 0.5% -1 0.02 0.5% gain -n -3
  sox "$tmp/bt$j.wav" "$tmp/bl$j.wav" repeat 4
  off=$(awk "BEGIN { print $j * 2.3 }")
  sox "$tmp/bl$j.wav" "$tmp/bc$j.wav" trim "$off" "$len" reverse
  mix+=("$tmp/bc$j.wav")
  j=$((j + 1))
done
sox -m "${mix[@]}" "$tmp/babble.wav"
sox "$tmp/babble.wav" -e u-law -b 8 noise-babble-8k.wav sinc 100-3400 gain -n -6
ls -l speech-8k.wav noise-white-8k.wav noise-babble-8k.wav
