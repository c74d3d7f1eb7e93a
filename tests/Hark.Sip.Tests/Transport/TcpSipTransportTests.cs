using System.Net;
using System.Net.Sockets;
using System.Text;
using Hark.Sip.Messages;
using Hark.Sip.Transport;
using Hark.Testing;
using Microsoft.Extensions.Logging;

namespace Hark.Sip.Tests.Transport;

public class TcpSipTransportTests
{
    // Nobody listens there: a response that arrives came back on the request's connection.
    private const string ElsewhereVia = "SIP/2.0/TCP 192.0.2.1:5999;branch=";

    [Fact]
    public async Task Receive_TwoRequestsInOneSegment_BothAnsweredOnTheSameConnection()
    {
        await using var rig = new TcpRig();
        rig.Handler.Answer = (tx, request) => RecordingHandler.Reply(tx, request, 200);
        using var peer = await TcpPeer.ConnectAsync(rig.Hark);

        await peer.SendAsync(SipWire.Request("INFO", ElsewhereVia + "z9hG4bKone", callId: "one@test")
            + SipWire.Request("INFO", ElsewhereVia + "z9hG4bKtwo", callId: "two@test"));
        var first = await peer.ReceiveMessageAsync();
        var second = await peer.ReceiveMessageAsync();

        Assert.Equal(["one@test", "two@test"], new[] { first.CallId, second.CallId });
        Assert.All([first, second], r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(2, rig.Handler.Requests.Count);
    }

    [Fact]
    public async Task Receive_RequestSplitOverThreeSegments_HandledOnceAndAnswered()
    {
        await using var rig = new TcpRig();
        rig.Handler.Answer = (tx, request) => RecordingHandler.Reply(tx, request, 200);
        using var peer = await TcpPeer.ConnectAsync(rig.Hark);
        var text = SipWire.Request("INFO", ElsewhereVia + "z9hG4bKsplit", extra: "Content-Type: text/plain\r\n")
            .Replace("Content-Length: 0\r\n\r\n", "Content-Length: 5\r\n\r\nhello", StringComparison.Ordinal);
        var third = text.Length / 3;

        await peer.SendAsync(text[..third]);
        await peer.SendAsync(text[third..(2 * third)]);
        await peer.SendAsync(text[(2 * third)..]);
        var response = await peer.ReceiveMessageAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("hello", Encoding.UTF8.GetString(Assert.Single(rig.Handler.Requests).Body.Span));
    }

    [Fact]
    public async Task Receive_DoubleCrlfPing_AnsweredWithCrlfPong()
    {
        await using var rig = new TcpRig();
        using var peer = await TcpPeer.ConnectAsync(rig.Hark);

        await peer.SendAsync("\r\n\r\n");

        Assert.Equal("\r\n"u8.ToArray(), await peer.ReceiveRawAsync());
    }

    [Fact]
    public async Task Receive_MalformedRequest_Answered400OnTheConnection()
    {
        await using var rig = new TcpRig();
        using var peer = await TcpPeer.ConnectAsync(rig.Hark);

        await peer.SendAsync(SipWire.Request("INFO", ElsewhereVia + "z9hG4bKbad").Replace("Max-Forwards: 70", "Max-Forwards: x", StringComparison.Ordinal));

        Assert.Equal(400, (await peer.ReceiveMessageAsync()).StatusCode);
    }

    [Fact]
    public async Task Receive_RequestWithoutContentLength_ClosesTheConnection()
    {
        await using var rig = new TcpRig();
        using var peer = await TcpPeer.ConnectAsync(rig.Hark);

        await peer.SendAsync(SipWire.Request("INFO", ElsewhereVia + "z9hG4bKnolen").Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal));

        Assert.Empty(await peer.ReceiveRawAsync());
        Assert.Empty(rig.Handler.Requests);
    }

    [Fact]
    public async Task Sweep_ConnectionIdleLongerThanTimeout_IsClosed()
    {
        await using var rig = new TcpRig();
        rig.Handler.Answer = (tx, request) => RecordingHandler.Reply(tx, request, 200);
        using var peer = await TcpPeer.ConnectAsync(rig.Hark);
        await peer.SendAsync(SipWire.Request("INFO", ElsewhereVia + "z9hG4bKidle"));
        await peer.ReceiveMessageAsync();

        rig.Clock.Advance(TcpRig.IdleTimeout / 2);
        Assert.Equal(1, rig.Transport.ConnectionCount);
        rig.Clock.Advance(TcpRig.IdleTimeout);

        Assert.Empty(await peer.ReceiveRawAsync());
    }

    [Fact]
    public async Task SendRequestAsync_TwoRequestsToOneTarget_ReuseOneConnectionAndCompleteWithTheResponses()
    {
        await using var rig = new TcpRig();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var target = (IPEndPoint)listener.LocalEndPoint!;
        var statuses = new List<int>();

        var accepted = listener.AcceptAsync();
        TcpPeer? far = null;
        for (var i = 0; i < 2; i++)
        {
            var request = SipWire.Parse(SipWire.Bytes(SipWire.Request("OPTIONS", $"SIP/2.0/TCP 127.0.0.1:{rig.Hark.Port};branch={SipIdentifiers.NewBranch()}", cseq: (uint)i + 1)));
            var sending = rig.Manager.SendRequestAsync(request, target, rig.Transport);
            far ??= new TcpPeer(await accepted);
            var received = await far.ReceiveMessageAsync();
            await far.SendAsync(SipResponses.CreateFrom(received, 200, toTag: "far"));
            statuses.Add((await sending).StatusCode);
        }

        // Read before the far end closes: its close ends the connection and empties the table.
        var connections = rig.Transport.ConnectionCount;
        far!.Dispose();

        Assert.Equal([200, 200], statuses);
        Assert.Equal(1, connections);
    }

    [Fact]
    public async Task Accept_ConnectionsBeyondThePerAddressAndTotalLimits_AreClosedAndTheRestServed()
    {
        using var refusals = new MetricCounter(SipMetrics.MeterName, "hark.sip.tcp.refused");
        await using var rig = new TcpRig(new SipLimits { MaxTcpConnectionsPerAddress = 3, MaxTcpConnections = 100 });
        rig.Handler.Answer = (tx, request) => RecordingHandler.Reply(tx, request, 200);
        var peers = new List<TcpPeer>();
        for (var i = 0; i < 5; i++)
        {
            peers.Add(await TcpPeer.ConnectAsync(rig.Hark));
        }

        try
        {
            await WaitUntilAsync(() => rig.Transport.RefusedConnections == 2);
            var closed = 0;
            for (var i = 0; i < peers.Count; i++)
            {
                closed += await IsClosedAsync(peers[i], SipWire.Request("INFO", ElsewhereVia + "z9hG4bKcap" + i, callId: $"cap{i}@test")) ? 1 : 0;
            }

            Assert.Equal(2, closed);
            Assert.Equal(3, rig.Transport.ConnectionCount);
            Assert.Single(rig.Logger.At(LogLevel.Warning), w => w.Contains("refused a connection from 127.0.0.1", StringComparison.Ordinal));
            Assert.True(refusals.Of("address") >= 2, $"hark.sip.tcp.refused with reason address: {refusals.Of("address")}"); // other tests may refuse meanwhile
        }
        finally
        {
            peers.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public async Task Accept_OutOfDescriptors_PausesTheBackOffOnTheClockLogsOnceThenServes()
    {
        // The first two accepts fail as they do when the process has no descriptors left (EMFILE); then the real
        // socket's accept runs. Each attempt notes the clock, which moves only when the test advances it.
        var clock = new ManualClock();
        var logger = new ListLogger();
        var attempts = new List<DateTimeOffset>();
        var handler = new RecordingHandler { Answer = (tx, request) => RecordingHandler.Reply(tx, request, 200) };
        using var manager = new SipTransactionManager(handler, clock, logger: logger);
        await using var transport = new TcpSipTransport(
            new IPEndPoint(IPAddress.Loopback, 0), clock, new SipLimits { AcceptBackOffMilliseconds = 500 }, logger)
        {
            AcceptSocket = (listener, ct) =>
            {
                int attempt;
                lock (attempts)
                {
                    attempts.Add(clock.GetUtcNow());
                    attempt = attempts.Count;
                }

                return attempt <= 2 ? throw new SocketException((int)SocketError.TooManyOpenSockets) : listener.AcceptAsync(ct);
            },
        };
        int Attempts()
        {
            lock (attempts)
            {
                return attempts.Count;
            }
        }

        transport.Start(manager);
        await WaitUntilAsync(() => Attempts() == 1);

        // The clock creeps on in 50 ms steps until the loop tries again: a loop that spun would try at once.
        await AdvanceUntilAsync(clock, () => Attempts() == 2);
        await AdvanceUntilAsync(clock, () => Attempts() == 3);
        using var peer = await TcpPeer.ConnectAsync(transport.LocalEndPoint);
        await peer.SendAsync(SipWire.Request("INFO", ElsewhereVia + "z9hG4bKafteremfile"));
        var response = await peer.ReceiveMessageAsync();

        Assert.Equal(200, response.StatusCode);
        lock (attempts)
        {
            // At least the pause; more only by how far the test's steps overshot before it saw the attempt.
            Assert.True(attempts[1] - attempts[0] >= TimeSpan.FromMilliseconds(500), $"second attempt after {attempts[1] - attempts[0]}");
            Assert.True(attempts[2] - attempts[1] >= TimeSpan.FromMilliseconds(500), $"third attempt after {attempts[2] - attempts[1]}");
        }

        var error = Assert.Single(logger.Events, e => e.Id == 4105);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Contains("TooManyOpenSockets", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_DescriptorsShort_ClosedAtOnceWarnedOnceHeldConnectionServedThenAdmittedAgain()
    {
        using var refusals = new MetricCounter(SipMetrics.MeterName, "hark.sip.tcp.refused");
        var clock = new ManualClock();
        var logger = new ListLogger();
        var table = new FakeDescriptorTable { Limit = 1_000_000, Open = 100 };
        var handler = new RecordingHandler { Answer = (tx, request) => RecordingHandler.Reply(tx, request, 200) };
        using var manager = new SipTransactionManager(handler, clock, logger: logger);
        await using var transport = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), clock, new SipLimits(), logger) { DescriptorTable = table };
        transport.Start(manager);
        using var held = await TcpPeer.ConnectAsync(transport.LocalEndPoint);
        await held.SendAsync(SipWire.Request("INFO", ElsewhereVia + "z9hG4bKheld1", callId: "held1@test"));
        Assert.Equal(200, (await held.ReceiveMessageAsync()).StatusCode);

        // The table fills (the default reserve keeps 256 of 1,000,000) and the last count goes stale.
        table.Open = 999_900;
        clock.Advance(DescriptorBudget.RecountInterval);
        var refused = new List<TcpPeer>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                refused.Add(await TcpPeer.ConnectAsync(transport.LocalEndPoint));
                Assert.True(await IsClosedAsync(refused[i], SipWire.Request("INFO", ElsewhereVia + "z9hG4bKshort" + i, callId: $"short{i}@test")));
            }
        }
        finally
        {
            refused.ForEach(p => p.Dispose());
        }

        await held.SendAsync(SipWire.Request("INFO", ElsewhereVia + "z9hG4bKheld2", callId: "held2@test"));
        Assert.Equal(200, (await held.ReceiveMessageAsync()).StatusCode);
        Assert.Equal(3, transport.RefusedConnections);
        Assert.True(refusals.Of("descriptors") >= 3, $"hark.sip.tcp.refused with reason descriptors: {refusals.Of("descriptors")}");
        var warning = Assert.Single(logger.Events, e => e.Id == 4114);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("999900 of 1000000 descriptors in use, 256 kept free", warning.Text, StringComparison.Ordinal);

        // Descriptors freed: once the refusing count is stale a new connection is counted again and served.
        table.Open = 300;
        clock.Advance(DescriptorBudget.RecountInterval);
        using var after = await TcpPeer.ConnectAsync(transport.LocalEndPoint);
        await after.SendAsync(SipWire.Request("INFO", ElsewhereVia + "z9hG4bKafter", callId: "after@test"));
        Assert.Equal(200, (await after.ReceiveMessageAsync()).StatusCode);
        Assert.Equal(3, transport.RefusedConnections);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("INVITE sip:hark@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.1")]
    public async Task Sweep_InboundConnectionWithoutACompleteMessageInTime_IsClosed(string sent)
    {
        await using var rig = new TcpRig(new SipLimits { TcpIdleTimeoutSeconds = 300, TcpMessageTimeoutSeconds = 10 });
        using var talker = await TcpPeer.ConnectAsync(rig.Hark);
        using var silent = await TcpPeer.ConnectAsync(rig.Hark);
        rig.Handler.Answer = (tx, request) => RecordingHandler.Reply(tx, request, 200);
        await talker.SendAsync(SipWire.Request("INFO", ElsewhereVia + "z9hG4bKtalk"));
        await talker.ReceiveMessageAsync();
        if (sent.Length > 0)
        {
            await silent.SendAsync(sent);
        }

        if (sent == "\r\n\r\n")
        {
            // The ping is answered (RFC 5626 pong) but is not a message: it does not hold the connection open.
            Assert.Equal("\r\n"u8.ToArray(), await silent.ReceiveRawAsync());
        }

        await WaitUntilAsync(() => rig.Transport.ConnectionCount == 2);
        rig.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, rig.Transport.ConnectionCount);
        rig.Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.True(await IsEndOfStreamAsync(silent));
        await WaitUntilAsync(() => rig.Transport.ConnectionCount == 1);
        Assert.Contains(rig.Logger.At(LogLevel.Warning), w => w.Contains("no complete message within 10 s", StringComparison.Ordinal));
    }

    // Hark closed the connection when the request gets no answer but the end of the stream (or a reset).
    private static async Task<bool> IsClosedAsync(TcpPeer peer, string request)
    {
        try
        {
            await peer.SendAsync(request);
        }
        catch (SocketException)
        {
            return true;
        }

        return await IsEndOfStreamAsync(peer);
    }

    // The next read finds the end of the stream, or a reset (Hark closed with octets it had not read).
    private static async Task<bool> IsEndOfStreamAsync(TcpPeer peer)
    {
        try
        {
            return (await peer.ReceiveRawAsync()).Length == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private static async Task AdvanceUntilAsync(ManualClock clock, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            clock.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(10);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 5 s");
            await Task.Delay(10);
        }
    }
}
