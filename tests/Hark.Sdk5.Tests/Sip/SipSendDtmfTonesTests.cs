using System.Net;
using System.Net.Sockets;
using Hark.Integration.Harness;
using Hark.Media.Codecs;
using Hark.Media.Dtmf;
using Hark.Rtp;
using Hark.Rtp.Events;
using Microsoft.Graph.Communications.Calls.Item.SendDtmfTones;
using Microsoft.Graph.Models;
using Xunit.Abstractions;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// sendDtmfTones on a real SIP call: SIPp places the call with its SDP pointing the media at a UDP socket of the test's,
/// which reads what Hark sends. With telephone-event negotiated the keys arrive as RFC 4733 events (RFC 4733 §2.5: a
/// marker on each event's first packet, one timestamp per event, three end packets); without it, as in-band tones.
/// Either way in order, each key 100 ms, starts 100 ms + delayBetweenTonesMs apart.
/// </summary>
[Collection(RealTimeSipCollection.Name)]
public sealed class SipSendDtmfTonesTests(HarkFixture f, ITestOutputHelper output) : IClassFixture<HarkFixture>
{
    private const int DelayMs = 300;

    // 100 ms of tone and 300 ms of silence, in 8 kHz timestamp units.
    private const int KeySpacing = (100 + DelayMs) * 8;

    [Fact]
    public async Task SendDtmfTones_SipCallerWithTelephoneEvent_Rfc4733EventsInOrderWithTheDelayBetweenThem()
    {
        var packets = await SendAsync(SippScenarios.UacDtmfSink, expectEvents: true);

        var events = packets.Where(p => p.PayloadType == 101).GroupBy(p => p.Timestamp).Select(g => g.ToList()).ToList();
        Assert.Equal(3, events.Count);
        var keys = events.Select(e => (DtmfKey)e[0].Event.EventCode).ToList();
        Assert.Equal([DtmfKey.Digit1, DtmfKey.Digit5, DtmfKey.Pound], keys);
        foreach (var e in events)
        {
            Assert.True(e[0].Marker, "an event's first packet carries the marker");
            Assert.All(e.Skip(1), p => Assert.False(p.Marker));
            Assert.All(e[..^3], p => Assert.False(p.Event.End));
            Assert.All(e[^3..], p => Assert.Equal((true, (ushort)800), (p.Event.End, p.Event.Duration)));
            Assert.Equal(e.Select(p => p.Event.Duration).Order(), e.Select(p => p.Event.Duration));
            Assert.All(e, p => Assert.Equal(e[0].Event.EventCode, p.Event.EventCode));
        }

        output.WriteLine($"event starts {string.Join(", ", events.Select(e => e[0].Timestamp - events[0][0].Timestamp))} (8 kHz units), packets per event {string.Join(", ", events.Select(e => e.Count))}");

        // The keys start 400 ms apart in media time (± one 20 ms packet).
        Assert.InRange((int)(events[1][0].Timestamp - events[0][0].Timestamp), KeySpacing - 160, KeySpacing + 160);
        Assert.InRange((int)(events[2][0].Timestamp - events[1][0].Timestamp), KeySpacing - 160, KeySpacing + 160);

        // Audio goes on around the events, in the same SSRC and sequence space.
        Assert.Contains(packets, p => p.PayloadType == 0 && p.Sequence > events[2][^1].Sequence);
        Assert.Single(packets.Select(p => p.Ssrc).Distinct());
    }

    [Fact]
    public async Task SendDtmfTones_SipCallerWithoutTelephoneEvent_InbandTonesInOrderWithTheDelayBetweenThem()
    {
        var packets = await SendAsync(SippScenarios.UacDtmfSinkInband, expectEvents: false);

        Assert.All(packets, p => Assert.Equal(0, p.PayloadType));
        var first = packets[0].Timestamp;
        var audio = new short[(int)(packets[^1].Timestamp - first) + 160];
        foreach (var p in packets)
        {
            MuLaw.Decode(p.Payload, audio.AsSpan((int)(p.Timestamp - first), p.Payload.Length));
        }

        var keys = Detect(audio);
        output.WriteLine($"tone onsets {string.Join(", ", keys.Select(k => k.Onset - keys[0].Onset))} (8 kHz samples)");
        Assert.Equal([DtmfKey.Digit1, DtmfKey.Digit5, DtmfKey.Pound], keys.Select(k => k.Key));
        Assert.InRange(keys[1].Onset - keys[0].Onset, KeySpacing - 80, KeySpacing + 80);
        Assert.InRange(keys[2].Onset - keys[1].Onset, KeySpacing - 80, KeySpacing + 80);
    }

    /// <summary>Places the call, sends 1, 5, # with the delay, and returns every RTP packet Hark sent, in sequence order.</summary>
    private async Task<List<Packet>> SendAsync(string scenario, bool expectEvents)
    {
        using var sink = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)sink.Client.LocalEndPoint!).Port;
        var options = HarkSipp.Options(f, scenario) with { Keys = new Dictionary<string, string> { ["rtp_sink"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        var (sipp, call) = await HarkSipp.OfferedAsync(f, options);
        await f.AnswerAsync(call);

        using var stop = new CancellationTokenSource();
        var received = new List<Packet>();
        var reading = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var datagram = await sink.ReceiveAsync(stop.Token);
                    if (RtpPacket.TryParse(datagram.Buffer, out var rtp) == RtpParseStatus.Ok)
                    {
                        TelephoneEvent.TryRead(rtp.Payload, out var ev);
                        lock (received)
                        {
                            received.Add(new Packet(rtp.PayloadType, rtp.Marker, rtp.SequenceNumber, rtp.Timestamp, rtp.Ssrc, rtp.Payload.ToArray(), ev));
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var started = await f.Graph.Communications.Calls[call.CallId].SendDtmfTones.PostAsync(new SendDtmfTonesPostRequestBody
        {
            Tones = [Tone.Tone1, Tone.Tone5, Tone.Pound],
            DelayBetweenTonesMs = DelayMs,
            ClientContext = "sip-dtmf",
        });
        var done = await call.Inbox.WaitForOperationAsync(started!.Id!, Timeouts.Operation);

        // The operation completes as the last tone ends; its end packets (or the tone's last frames) follow within a few
        // packets. Then Hark has nothing to play and sends a keep-alive a second (Hark:Rtp:KeepAliveMilliseconds): wait
        // for the first audio packet after the last event, or 300 ms of media beyond the in-band tones (a deadline only
        // guards against a hang).
        var deadline = DateTime.UtcNow + Timeouts.Operation;
        while (DateTime.UtcNow < deadline)
        {
            lock (received)
            {
                var lastEvent = received.FindLastIndex(p => p.PayloadType == 101);
                var settled = expectEvents
                    ? received.Count(p => p.PayloadType == 101 && p.Event.End) >= 9 && received.Skip(lastEvent + 1).Any(p => p.PayloadType == 0)
                    : received.Count > 15 && received[^1].Timestamp - received[0].Timestamp > (3 * KeySpacing) + 2400;
                if (settled)
                {
                    break;
                }
            }

            await Task.Delay(20);
        }

        await f.Graph.Communications.Calls[call.CallId].DeleteAsync();
        var result = await sipp;
        await stop.CancelAsync();
        await reading;

        Assert.True(result.AllCallsSucceeded, result.Describe());
        var op = Assert.IsType<SendDtmfTonesOperation>(done.ToOperation());
        Assert.Equal((OperationStatus.Completed, SendDtmfCompletionReason.CompletedSuccessfully, "sip-dtmf"), (op.Status, op.CompletionReason, op.ClientContext));
        Assert.Empty(f.Listener.Failures);
        lock (received)
        {
            // Sequence numbers start at random; order them as unsigned 16-bit distances from the first.
            var firstSequence = received[0].Sequence;
            return [.. received.OrderBy(p => (ushort)(p.Sequence - firstSequence))];
        }
    }

    private static List<(DtmfKey Key, long Onset)> Detect(short[] audio)
    {
        var detector = new DtmfDetector(8000);
        var keys = new List<(DtmfKey, long)>();
        for (var at = 0; at + 160 <= audio.Length; at += 160)
        {
            var e = detector.Process(audio.AsSpan(at, 160));
            while (e.Kind != DtmfEventKind.None)
            {
                if (e.Kind == DtmfEventKind.KeyDown)
                {
                    keys.Add((e.Key, e.OnsetSample));
                }

                if (!detector.TryRead(out e))
                {
                    break;
                }
            }
        }

        return keys;
    }

    private sealed record Packet(byte PayloadType, bool Marker, ushort Sequence, uint Timestamp, uint Ssrc, byte[] Payload, TelephoneEvent Event);
}
