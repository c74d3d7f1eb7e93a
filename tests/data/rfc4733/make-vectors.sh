#!/usr/bin/env bash
# Regenerates sipp-dtmf.txt from the RFC 2833/4733 sample captures shipped by Debian's
# sip-tester package (apt-get install -y sip-tester). Each capture holds one key press.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src=/usr/share/sip-tester
args=()
for key in 0 1 2 3 4 5 6 7 8 9; do
  args+=("dtmf_2833_${key}=${key}:${src}/dtmf_2833_${key}.pcap")
done
args+=("dtmf_2833_star=*:${src}/dtmf_2833_star.pcap" "dtmf_2833_pound=#:${src}/dtmf_2833_pound.pcap")
python3 "$here/extract_rfc4733.py" --pt 101 "$here/sipp-dtmf.txt" "${args[@]}"
