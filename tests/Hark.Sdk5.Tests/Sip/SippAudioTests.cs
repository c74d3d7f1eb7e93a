using Hark.Integration.Audio;
using Hark.Media.Codecs;
using Hark.Media.Dtmf;
using Hark.Media.Wav;
using Hark.Rtp;
using Hark.Rtp.Events;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>The captures the SIPp callers play, read back: RTP framing, RFC 4733 '#', and audio equal to the reference WAV.</summary>
public sealed class SippAudioTests
{
    private const int EventPayloadType = 101;
    private const int SamplesPerMs = 8;

    public static TheoryData<string, int, int> PoundCaptures => new()
    {
        { "speech-pound-pcmu.pcap", 0, 20 },
        { "speech-pound-pcma.pcap", 8, 20 },
        { "speech-pound-pcmu-30ms.pcap", 0, 30 },
        { "speech-pound-pcma-30ms.pcap", 8, 30 },
    };

    [Fact]
    public void ReferenceWav_IsTwoSecondsOfSpeechAt8kHz()
    {
        var wav = WavReader.Read(File.ReadAllBytes(SippScenarios.ReferenceWav));

        Assert.Equal(8000, wav.SampleRate);
        Assert.Equal(TimeSpan.FromSeconds(2), wav.Duration);
        Assert.True(Rms(wav.Samples) > 1000, "the reference should be speech, not silence");
    }

    [Theory]
    [MemberData(nameof(PoundCaptures))]
    public void ReadUdp_PoundCapture_IsContinuousAudioThenThreeUpdatesAndThreeEndsOfPound(string file, int payloadType, int ptime)
    {
        var datagrams = PcapFile.ReadUdp(Path.Combine(SippScenarios.Directory, file));
        var step = ptime * SamplesPerMs;
        var audioPackets = (2000 + ptime - 1) / ptime;

        Assert.Equal(audioPackets + 6, datagrams.Count);
        Assert.Single(datagrams.Select(d => d.DestinationPort).Distinct()); // SIPp maps one port to the call's RTP port
        var first = Header(datagrams[0].Payload);
        for (var i = 0; i < datagrams.Count; i++)
        {
            var (marker, pt, seq, timestamp, payloadLength) = Header(datagrams[i].Payload);
            Assert.Equal((ushort)(first.Seq + i), seq);
            Assert.Equal(TimeSpan.FromMilliseconds(i * ptime), datagrams[i].At);
            if (i < audioPackets)
            {
                Assert.Equal(payloadType, pt);
                Assert.Equal(i == 0, marker);
                Assert.Equal(first.Timestamp + (uint)(i * step), timestamp);
                Assert.Equal(step, payloadLength);
            }
            else
            {
                Assert.Equal(EventPayloadType, pt);
                Assert.Equal(i == audioPackets, marker);
                Assert.Equal(first.Timestamp + (uint)(audioPackets * step), timestamp); // the event starts where the audio ends
            }
        }

        var events = datagrams.Skip(audioPackets).Select(d => ReadEvent(d.Payload)).ToList();
        Assert.All(events, e => Assert.Equal(DtmfKey.Pound, e.Key));
        Assert.Equal([false, false, false, true, true, true], events.Select(e => e.End));
        Assert.True(events[0].Duration < events[1].Duration && events[1].Duration < events[2].Duration, "updates grow");
        Assert.True(events[3].Duration > events[2].Duration, "the end is the longest");
        Assert.Single(events.Skip(3).Select(e => e.Duration).Distinct());
    }

    [Theory]
    [MemberData(nameof(PoundCaptures))]
    public void Decode_PoundCaptureAudio_MatchesTheReferenceWav(string file, int payloadType, int ptime)
    {
        var reference = WavReader.Read(File.ReadAllBytes(SippScenarios.ReferenceWav)).Samples;
        var audio = DecodeAudio(Path.Combine(SippScenarios.Directory, file), payloadType);

        // The last 30 ms packet is padded with silence past the 2 s.
        Assert.Equal((2000 + ptime - 1) / ptime * ptime * SamplesPerMs, audio.Length);
        var match = Correlation.Find(reference, audio[..reference.Length]);
        Assert.True(match.Score > 0.99, $"correlation {match.Score:F3}");
        Assert.Equal(0, match.Offset);
    }

    [Fact]
    public void Decode_SpeechOnlyCapture_MatchesTheReferenceWavWithoutEvents()
    {
        var reference = WavReader.Read(File.ReadAllBytes(SippScenarios.ReferenceWav)).Samples;
        var datagrams = PcapFile.ReadUdp(SippScenarios.SpeechPcmu);

        Assert.DoesNotContain(datagrams, d => Header(d.Payload).PayloadType == EventPayloadType);
        Assert.True(Correlation.Find(reference, DecodeAudio(SippScenarios.SpeechPcmu, 0)).Score > 0.99);
    }

    [Fact]
    public void ReadUdp_SippsOwnPoundCapture_DecodesAsPound()
    {
        // An independent capture shipped with SIPp, so the reader is not only checked against our own writer.
        const string sample = "/usr/share/sip-tester/dtmf_2833_pound.pcap";
        Assert.True(File.Exists(sample), "install the Debian package sip-tester, which ships " + sample);

        var events = PcapFile.ReadUdp(sample).Where(d => Header(d.Payload).PayloadType == EventPayloadType).ToList();

        Assert.NotEmpty(events);
        Assert.All(events, d => Assert.Equal(DtmfKey.Pound, ReadEvent(d.Payload).Key));
        Assert.True(ReadEvent(events[^1].Payload).End);
    }

    private static short[] DecodeAudio(string path, int payloadType)
    {
        var payloads = PcapFile.ReadUdp(path).Select(d => d.Payload).Where(p => Header(p).PayloadType == payloadType).ToList();
        var samples = new short[payloads.Sum(p => Header(p).PayloadLength)];
        var at = 0;
        foreach (var payload in payloads)
        {
            RtpPacket.TryParse(payload, out var packet);
            var target = samples.AsSpan(at, packet.Payload.Length);
            if (payloadType == 0)
            {
                MuLaw.Decode(packet.Payload, target);
            }
            else
            {
                ALaw.Decode(packet.Payload, target);
            }

            at += packet.Payload.Length;
        }

        return samples;
    }

    private static (bool Marker, int PayloadType, ushort Seq, uint Timestamp, int PayloadLength) Header(byte[] datagram)
    {
        Assert.Equal(RtpParseStatus.Ok, RtpPacket.TryParse(datagram, out var packet));
        return (packet.Marker, packet.PayloadType, packet.SequenceNumber, packet.Timestamp, packet.Payload.Length);
    }

    private static TelephoneEvent ReadEvent(byte[] datagram)
    {
        RtpPacket.TryParse(datagram, out var packet);
        Assert.True(TelephoneEvent.TryRead(packet.Payload, out var ev));
        return ev;
    }

    private static double Rms(short[] samples) => Math.Sqrt(samples.Average(s => (double)s * s));
}
