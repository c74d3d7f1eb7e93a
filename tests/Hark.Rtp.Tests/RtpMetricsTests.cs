using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Hark.Media.Dtmf;
using Hark.Rtp.Sessions;

namespace Hark.Rtp.Tests;

/// <summary>
/// The Hark.Rtp instruments with a listener attached (as OpenTelemetry attaches one): packets are counted both ways,
/// loss and jitter are recorded at the end, and the media path still allocates nothing.
/// </summary>
public sealed class RtpMetricsTests
{
    [Fact]
    public async Task TickAndSendFrame_ListenerAttached_PacketsCountedAndNothingAllocated()
    {
        long received = 0, sent = 0, jitterRecords = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RtpMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "hark.rtp.packets")
            {
                if (tags.Length == 1 && (string?)tags[0].Value == "in")
                {
                    Interlocked.Add(ref received, value);
                }
                else
                {
                    Interlocked.Add(ref sent, value);
                }
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
        {
            if (instrument.Name == "hark.rtp.jitter")
            {
                Interlocked.Increment(ref jitterRecords);
            }
        });
        listener.Start();

        using var caller = Bound();
        using var hark = Bound();
        var session = new RtpSession(hark, new RtpSessionParameters((IPEndPoint)caller.LocalEndPoint!, G711Codec.Pcmu, 0, 101, 20), new NullSink(), new StillClock());
        session.Start();
        var datagram = new byte[12 + 160];
        var payload = new byte[160];
        var outbound = new short[160];
        var sequence = 0;
        var allocated = Hark.Testing.Allocations.Least(() =>
        {
            for (var i = 0; i < 50; i++, sequence++)
            {
                var length = RtpPacketWriter.Write(datagram, new RtpHeader(false, 0, (ushort)sequence, (uint)(sequence * 160), 0xCAFE), payload);
                caller.SendTo(datagram.AsSpan(0, length), SocketFlags.None, hark.LocalEndPoint!);
            }

            return () =>
            {
                session.Tick();
                for (var i = 0; i < 50; i++)
                {
                    session.SendFrame(outbound);
                }
            };
        });
        await session.DisposeAsync();

        Assert.Equal(0, allocated);
        // Other tests' sessions may add to the process-wide counters, never take away.
        Assert.True(Interlocked.Read(ref received) >= 6 * 50, $"{received} received");
        Assert.True(Interlocked.Read(ref sent) >= 6 * 50, $"{sent} sent");
        Assert.True(Interlocked.Read(ref jitterRecords) >= 1);
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private sealed class NullSink : IRtpMediaSink
    {
        public void OnFrame(ReadOnlySpan<short> frame, bool concealed)
        {
        }

        public void OnKey(DtmfKey key, long onsetSample)
        {
        }

        public void OnMediaTimeout()
        {
        }
    }

    private sealed class StillClock : TimeProvider
    {
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => 0;
    }
}
