using System.Net;
using System.Net.Sockets;
using System.Text;
using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.Reject;
using Microsoft.Graph.Models;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// What Hark answers a real SIP peer outside the happy path: a number nobody takes, an offer it cannot use,
/// OPTIONS, methods it does not implement (outside and inside a call), and datagrams that are not SIP at all.
/// The host routes only +15551234 (the number <see cref="HarkSipp.Options"/> dials) to the bot.
/// </summary>
public sealed class SipEdgeTests(SipEdgeTests.Fixture f) : IClassFixture<SipEdgeTests.Fixture>
{
    private const string RoutedNumber = "+15551234";

    [Fact]
    public async Task Invite_NumberNoApplicationTakes_404AckedAndNoCallReachesTheBot()
    {
        var known = f.Listener.CallIds;

        var result = await HarkSipp.Start(HarkSipp.Options(f, "uac-not-found.xml") with { Service = "+19990000" });

        // SIPp checked the 404's To tag and sent the ACK; a 180 or 200 would have failed the call.
        Assert.True(result.AllCallsSucceeded, result.Describe());
        Assert.Contains("SIP/2.0 404", result.MessagesSeen(), StringComparison.Ordinal);
        await AssertTheNextCallIsTheOnlyNewOneAsync(known);
    }

    [Fact]
    public async Task Invite_OfferWithoutPcmuOrPcma_488WithWarningAndNoCallReachesTheBot()
    {
        var known = f.Listener.CallIds;

        var result = await HarkSipp.Start(HarkSipp.Options(f, "uac-unusable-offer.xml"));

        // The number is routed: the offer alone is refused, before any application hears of the call.
        Assert.True(result.AllCallsSucceeded, result.Describe());
        var seen = result.MessagesSeen();
        Assert.Contains("SIP/2.0 488", seen, StringComparison.Ordinal);
        Assert.Matches(@"Warning: 304 \S+ ""[^""]*PCMU", seen);
        await AssertTheNextCallIsTheOnlyNewOneAsync(known);
    }

    [Fact]
    public async Task Options_OutOfDialog_200WithAllowListingTheMethodsHarkImplements()
    {
        var result = await HarkSipp.Start(HarkSipp.Options(f, "uac-options.xml"));

        Assert.True(result.AllCallsSucceeded, result.Describe());
        var response = ResponseLines(result.MessagesSeen(), "SIP/2.0 200");
        var allow = response.Single(l => l.StartsWith("Allow:", StringComparison.OrdinalIgnoreCase))["Allow:".Length..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        // RFC 3261 §11.2: the answer lists what Hark would accept in an INVITE dialog, and says it takes SDP.
        Assert.Superset(new HashSet<string>(["INVITE", "ACK", "CANCEL", "BYE", "OPTIONS"], StringComparer.Ordinal), allow.ToHashSet(StringComparer.Ordinal));
        Assert.Contains(response, l => l.Equals("Accept: application/sdp", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task UnknownMethod_OutOfDialog_FooAndPublishGet501()
    {
        var result = await HarkSipp.Start(HarkSipp.Options(f, "uac-unknown-method.xml"));

        // SIPp expects 501 to each (with a To tag) and fails the run on anything else.
        Assert.True(result.AllCallsSucceeded, result.Describe());
        var seen = result.MessagesSeen();
        Assert.Contains("CSeq: 1 FOO", seen, StringComparison.Ordinal);
        Assert.Contains("CSeq: 2 PUBLISH", seen, StringComparison.Ordinal);
        Assert.Equal(2, seen.Split("SIP/2.0 501 Not Implemented").Length - 1);
    }

    [Fact]
    public async Task UnknownMethod_InDialog_501AndTheCallGoesOnUntilTheCallerHangsUp()
    {
        var (sipp, call) = await HarkSipp.AnsweredAsync(f, "uac-unknown-method-in-dialog.xml");
        var result = await sipp;

        // SIPp got 501 for MESSAGE, then 200 for its BYE in the same dialog: the 501 did not end the call.
        Assert.True(result.AllCallsSucceeded, result.Describe());
        var terminated = await call.Inbox.WaitForStateAsync("terminated", Timeouts.Notification);
        Assert.Contains("SIP/2.0 501", result.MessagesSeen(), StringComparison.Ordinal);
        Assert.Equal(4521, terminated.ToCall().ResultInfo?.Subcode);
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task Garbage_MalformedDatagrams_AnsweredWhereAnswerableElseDroppedAndTheHostStillTakesCalls()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var hark = new IPEndPoint(IPAddress.Loopback, f.Server.SipPort);
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        var random = new byte[300];
        new Random(4).NextBytes(random);
        var headersEnd = Invite(port, "whole").IndexOf("\r\n\r\n", StringComparison.Ordinal);

        // In order: what each datagram should get, by its Call-ID (null: silently dropped, RFC 3261 §8.2.6 and
        // §18.3 want a response only when Via, From, To, Call-ID and CSeq can be read).
        (byte[] Datagram, string? Expected)[] sent =
        [
            (random, null),
            (Bytes(Invite(port, "cut-early")[..Invite(port, "cut-early").IndexOf("CSeq:", StringComparison.Ordinal)]), null),
            (Bytes(Invite(port, "cut-in-headers")[..headersEnd]), "400 cut-in-headers"),
            (Bytes(Invite(port, "long-body", contentLength: "500")), "400 long-body"),
            (Bytes(Invite(port, "bad-length", contentLength: "ten")), "400 bad-length"),
            (Bytes(Options(port, "still-alive")), "200 still-alive"),
        ];
        foreach (var (datagram, _) in sent)
        {
            await socket.SendToAsync(datagram, hark);
        }

        // One receive loop answers in the order it read: had a dropped datagram been answered, its answer
        // would stand in the place of a later one here.
        var answers = new List<string>();
        using var timeout = new CancellationTokenSource(Timeouts.Notification);
        var buffer = new byte[65535];
        while (answers.Count < sent.Count(s => s.Expected is not null))
        {
            var received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
            var lines = Encoding.UTF8.GetString(buffer, 0, received.ReceivedBytes).Split("\r\n");
            Assert.Matches(@"^To: .*;tag=\S+", lines.Single(l => l.StartsWith("To:", StringComparison.Ordinal)));
            Assert.Contains($";rport={port}", lines.Single(l => l.StartsWith("Via:", StringComparison.Ordinal)), StringComparison.Ordinal);
            answers.Add(lines[0].Split(' ')[1] + " " + lines.Single(l => l.StartsWith("Call-ID:", StringComparison.Ordinal))["Call-ID: ".Length..]);
        }

        Assert.Equal(sent.Where(s => s.Expected is not null).Select(s => s.Expected), answers);

        // And a whole call through the host still works.
        await AssertTheNextCallIsTheOnlyNewOneAsync(f.Listener.CallIds);
    }

    /// <summary>
    /// A routed call (SIPp's <c>uac-rejected.xml</c>, rejected by the bot) must be the only call the bot heard of
    /// since <paramref name="known"/>: a call refused earlier would have been offered before it.
    /// </summary>
    private async Task AssertTheNextCallIsTheOnlyNewOneAsync(IReadOnlyCollection<string> known)
    {
        var (sipp, call) = await HarkSipp.OfferedAsync(f, HarkSipp.Options(f, "uac-rejected.xml"));
        await f.Graph.Communications.Calls[call.CallId].Reject.PostAsync(new RejectPostRequestBody { Reason = RejectReason.Busy });
        var result = await sipp;

        Assert.True(result.AllCallsSucceeded, result.Describe());
        Assert.Equal([call.CallId], f.Listener.CallIds.Except(known));
        Assert.Empty(f.Listener.Failures);
    }

    /// <summary>The header lines of the first message in a -trace_msg log that starts with <paramref name="statusLine"/>.</summary>
    private static List<string> ResponseLines(string log, string statusLine)
    {
        var lines = log.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => l.StartsWith(statusLine, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no '{statusLine}' in:\n{log}");
        return lines.Skip(start).TakeWhile(l => l.Length > 0).ToList();
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Invite(int port, string callId, string? contentLength = null)
    {
        const string Sdp = "v=0\r\no=x 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n";
        return $"INVITE sip:{RoutedNumber}@127.0.0.1 SIP/2.0\r\n"
            + $"Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK-{callId};rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:garbage@127.0.0.1>;tag=g1\r\n"
            + $"To: <sip:{RoutedNumber}@127.0.0.1>\r\n"
            + $"Call-ID: {callId}\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Content-Type: application/sdp\r\n"
            + $"Content-Length: {contentLength ?? Sdp.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)}\r\n\r\n"
            + Sdp;
    }

    private static string Options(int port, string callId) =>
        $"OPTIONS sip:{RoutedNumber}@127.0.0.1 SIP/2.0\r\n"
        + $"Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK-{callId};rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:garbage@127.0.0.1>;tag=g1\r\n"
        + $"To: <sip:{RoutedNumber}@127.0.0.1>\r\n"
        + $"Call-ID: {callId}\r\n"
        + "CSeq: 1 OPTIONS\r\n"
        + "Content-Length: 0\r\n\r\n";

    public sealed class Fixture : HarkFixture
    {
        // Replaces the harness's catch-all '*': any other number is one no application takes.
        protected override IEnumerable<string> ExtraSettings => [$"--Hark:Applications:0:Numbers:0={RoutedNumber}"];
    }
}
