#!/bin/sh
# Writes the codec and packet-time variants of uac-record.xml, so the four stay alike.
# Edit uac-record.xml, then run this.
set -eu
cd "$(dirname "$0")"

variant() { # name, offer order, ptime, pcap, description
    sed -e "s|<scenario name=\"uac-record\">|<scenario name=\"$1\">|" \
        -e "s|Subject: uac-record|Subject: $1|" \
        -e "s|RTP/AVP 0 8 101|RTP/AVP $2 101|" \
        -e "s|a=ptime:20|a=ptime:$3|" \
        -e "s|speech-pound-pcmu.pcap|$4|g" \
        -e "s|offering PCMU, PCMA and telephone-event (20 ms)|offering $5|" \
        -e "s|^<!-- A caller leaves|<!-- Generated from uac-record.xml by make-record-variants.sh: edit that one.\n     A caller leaves|" \
        -e "s|-sf uac-record.xml|-sf $1.xml|" \
        uac-record.xml >"$1.xml"
}

variant uac-record-pcma "8 0" 20 speech-pound-pcma.pcap "PCMA first, then PCMU and telephone-event (20 ms)"
variant uac-record-ptime30 "0 8" 30 speech-pound-pcmu-30ms.pcap "PCMU, PCMA and telephone-event with 30 ms packets"
variant uac-record-pcma-ptime30 "8 0" 30 speech-pound-pcma-30ms.pcap "PCMA first with 30 ms packets"
variant uac-record-long "0 8" 20 speech-long-pound-pcmu.pcap "PCMU, PCMA and telephone-event (20 ms); the capture is 6 s of speech (see make-engine-audio.sh)"
variant uac-record-gaps "0 8" 20 speech-gaps-pound-pcmu.pcap "PCMU, PCMA and telephone-event (20 ms); the capture lacks 4 audio packets (see make-engine-audio.sh)"
