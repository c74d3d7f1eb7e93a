using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>What a SIPp caller really puts on the wire: the capture, unchanged, from the port its SDP offers.</summary>
public sealed class SippMediaTests
{
    [Fact]
    public async Task RunAsync_RecordCaller_SendsTheCaptureFromItsOfferedPortToTheAnsweredPort()
    {
        var expected = PcapFile.ReadUdp(SippScenarios.SpeechPoundPcmu).Select(d => d.Payload).ToList();
        using var sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var sinkPort = ((IPEndPoint)sink.LocalEndPoint!).Port;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        await using var callee = Sipp.Start(new SippOptions
        {
            Scenario = SippScenarios.SelfTestRtpSink,
            Keys = new Dictionary<string, string>
            {
                ["rtp_sink_host"] = "127.0.0.1",
                ["rtp_sink_port"] = sinkPort.ToString(CultureInfo.InvariantCulture),
            },
        });
        await callee.WaitUntilListeningAsync(timeout.Token);
        var received = ReceiveAsync(sink, expected.Count, timeout.Token);

        // Call 1 offers -mp itself as its RTP port; symmetric RTP needs the packets to come from there.
        var mediaPort = FreeUdpPort.NextBlock(4);
        var caller = await Sipp.RunAsync(
            new SippOptions { Scenario = SippScenarios.UacRecord, Remote = callee.Address, MediaPort = mediaPort },
            timeout.Token);
        var calleeResult = await callee.WaitForExitAsync(timeout.Token);

        Assert.True(caller.AllCallsSucceeded, caller.Describe());
        Assert.True(calleeResult.AllCallsSucceeded, calleeResult.Describe());
        var packets = await received;
        Assert.All(packets, p => Assert.Equal(new IPEndPoint(IPAddress.Loopback, mediaPort), p.From));
        Assert.Equal(expected, packets.Select(p => p.Payload));
    }

    private static async Task<List<(IPEndPoint From, byte[] Payload)>> ReceiveAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        var packets = new List<(IPEndPoint, byte[])>();
        var buffer = new byte[2048];
        while (packets.Count < count)
        {
            var result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cancellationToken);
            packets.Add(((IPEndPoint)result.RemoteEndPoint, buffer[..result.ReceivedBytes]));
        }

        return packets;
    }
}
