using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Hark.Integration.Scenarios;
using Hark.Media.Wav;
using Microsoft.Graph.Models;
using Xunit.Abstractions;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// No unauthenticated way to stop Hark: ten thousand idle TCP connections from four addresses and a flood of
/// INVITEs leave it answering HTTP and SIP and recording a SIPp call correctly, with the connections it holds
/// capped (per address and in total), the idle ones closed at the first-message deadline, and its descriptors
/// and memory bounded.
/// </summary>
[Collection(RealTimeSipCollection.Name)]
public sealed class SipFloodTests(SipFloodTests.Fixture f, ITestOutputHelper output) : IClassFixture<SipFloodTests.Fixture>
{
    private const int PerAddress = 2_500;
    private const int FloodInvites = 5_000;

    [Fact]
    public async Task Flood_IdleTcpConnectionsAndInvites_HarkStillAnswersAndRecordsWithConnectionsAndMemoryBounded()
    {
        var sipPort = f.Server.SipPort;
        var hark = new IPEndPoint(IPAddress.Loopback, sipPort);
        var descriptorsBefore = BoundSockets.Descriptors();
        var memoryBefore = System.Diagnostics.Process.GetCurrentProcess().WorkingSet64;
        var clients = new List<Socket>();
        try
        {
            var clock = Stopwatch.StartNew();
            for (var address = 2; address <= 5; address++)
            {
                clients.AddRange(await ConnectManyAsync(IPAddress.Parse($"127.0.0.{address}"), hark, PerAddress));
            }

            var connected = clock.Elapsed;
            var invites = await FloodAsync(hark);
            await Task.Delay(1_000);
            var held = BoundSockets.TcpEstablishedAt(sipPort);
            var descriptorsDuring = BoundSockets.Descriptors();

            // While all of that is open: HTTP, SIP from another address, and a whole recorded call.
            using var http = await f.Http.SendAsync(f.Request(HttpMethod.Get, "v1.0/communications/calls/no-such-call"));
            using var other = new RawSipPeer(hark, IPAddress.Parse("127.0.0.9"));
            other.Send(Options(other.Port));
            var options = await other.WaitForAsync(r => r.CSeq.Method == "OPTIONS", TimeSpan.FromSeconds(5), "an answer to OPTIONS");
            var wav = await RecordOneCallAsync();

            // The first-message deadline (5 s here) closes every connection that never sent a message.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (BoundSockets.TcpEstablishedAt(sipPort) > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }

            var heldAfterDeadline = BoundSockets.TcpEstablishedAt(sipPort);
            GC.Collect();
            var memoryDuring = System.Diagnostics.Process.GetCurrentProcess().WorkingSet64;
            output.WriteLine(
                $"{clients.Count} connections opened in {connected.TotalSeconds:F1} s; Hark held {held} (cap 1000, 500 per address), "
                + $"{heldAfterDeadline} after the deadline; {FloodInvites} INVITEs sent, {invites} answered; "
                + $"descriptors {descriptorsBefore} -> {descriptorsDuring}; working set {memoryBefore >> 20} -> {memoryDuring >> 20} MB; HTTP {(int)http.StatusCode}");

            Assert.Equal(4 * PerAddress, clients.Count);
            Assert.InRange(held, 1, 1_000);
            Assert.Equal(0, heldAfterDeadline);
            Assert.InRange(invites, 1, FloodInvites / 2);
            // The test's own 10,000 client sockets plus at most the 1,000 Hark may hold (and a margin for the host's own).
            Assert.InRange(descriptorsDuring - descriptorsBefore, long.MinValue, clients.Count + 1_000 + 300);
            Assert.InRange(memoryDuring - memoryBefore, long.MinValue, 400L << 20);
            Assert.Equal(HttpStatusCode.NotFound, http.StatusCode);
            Assert.Equal(200, options.StatusCode);
            Assert.True(wav.Duration.TotalSeconds > 0.5, $"recording of {wav.Duration.TotalSeconds} s");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        // And TCP itself takes calls' signalling again once the holders are gone.
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await tcp.ConnectAsync(hark);
        await tcp.SendAsync(System.Text.Encoding.UTF8.GetBytes(Options(((IPEndPoint)tcp.LocalEndPoint!).Port).Replace("SIP/2.0/UDP", "SIP/2.0/TCP", StringComparison.Ordinal)));
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var read = await tcp.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        Assert.StartsWith("SIP/2.0 200", System.Text.Encoding.UTF8.GetString(buffer, 0, read), StringComparison.Ordinal);
        Assert.Empty(f.Listener.Failures);
    }

    private static async Task<List<Socket>> ConnectManyAsync(IPAddress from, IPEndPoint to, int count)
    {
        var sockets = new Socket[count];
        using var gate = new SemaphoreSlim(256);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(from, 0));
                sockets[i] = socket;
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await socket.ConnectAsync(to, timeout.Token);
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. sockets];
    }

    // INVITEs to a number nobody takes, as fast as one socket sends: the per-address rate drops most unanswered.
    private static async Task<int> FloodAsync(IPEndPoint hark)
    {
        using var flooder = new RawSipPeer(hark, IPAddress.Parse("127.0.0.7"));
        for (var i = 0; i < FloodInvites; i++)
        {
            flooder.Send(flooder.Invite($"flood-{i}", "f", $"z9hG4bK-flood-{i}", "+19990000"));
        }

        await Task.Delay(2_000);
        return flooder.ResponseCount;
    }

    private async Task<WavAudio> RecordOneCallAsync()
    {
        var (sipp, call) = await HarkSipp.OfferedAsync(f, HarkSipp.Options(f, "uac-record.xml"));
        await f.AnswerAsync(call);
        var (recording, result) = await SipRecording.RecordAsync(f, call, sipp);
        var (_, op, bytes, _) = recording;
        Assert.True(result.AllCallsSucceeded, result.Describe());
        Assert.Equal(OperationStatus.Completed, op.Status);

        // As SipRecordTests: what Hark recorded is the end of what SIPp played.
        var audio = WavFile.Decode(bytes);
        var reference = WavFile.Resample(WavFile.Decode(File.ReadAllBytes(SippScenarios.ReferenceWav)).Samples, 8000, 16000);
        var piece = audio.Samples[..Math.Min(audio.Samples.Length, 8000)];
        var match = Correlation.Find(reference, piece);
        Assert.True(match.Score > 0.7, $"recording not found in what SIPp sent: {match}");
        return audio;
    }

    private static string Options(int port) =>
        "OPTIONS sip:hark@127.0.0.1 SIP/2.0\r\n"
        + $"Via: SIP/2.0/UDP 127.0.0.9:{port};branch=z9hG4bK-probe-{Guid.NewGuid():N};rport\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.9>;tag=p\r\nTo: <sip:hark@127.0.0.1>\r\n"
        + $"Call-ID: probe-{Guid.NewGuid():N}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    public sealed class Fixture : HarkFixture
    {
        protected override IEnumerable<string> ExtraSettings =>
        [
            "--Hark:Applications:0:Numbers:0=+15551234",
            "--Hark:Sip:Limits:MaxTcpConnections=1000",
            "--Hark:Sip:Limits:MaxTcpConnectionsPerAddress=500",
            "--Hark:Sip:Limits:TcpMessageTimeoutSeconds=5",
        ];
    }
}
