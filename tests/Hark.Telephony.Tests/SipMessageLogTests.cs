using System.Net;
using Hark.Sip.Messages;
using Microsoft.Extensions.Time.Testing;

namespace Hark.Telephony.Tests;

public sealed class SipMessageLogTests
{
    private static readonly IPEndPoint Peer = new(IPAddress.Loopback, 5062);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 7, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Read_LinkedCall_MessagesSummarisedInOrderWithTheirTime()
    {
        var log = new SipMessageLog(maxMessagesPerCall: 10, maxCalls: 10, _time);
        log.Record(Request("INVITE", "a@host"), "in", Peer);
        _time.Advance(TimeSpan.FromMilliseconds(5));
        log.Record(Response(200, "OK", "INVITE", "a@host"), "out", Peer);
        log.Link("a@host", "call-1");
        log.Record(Request("BYE", "a@host"), "in", Peer);

        var (messages, dropped) = log.Read("call-1");

        Assert.Equal(["INVITE", "200 OK (INVITE)", "BYE"], messages.Select(m => m.Summary));
        Assert.Equal(["in", "out", "in"], messages.Select(m => m.Direction));
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromMilliseconds(5), messages[0].At);
        Assert.Equal("127.0.0.1:5062", messages[0].Peer);
        Assert.Equal(0, dropped);
    }

    [Fact]
    public void Record_PastThePerCallCap_CountedNotKept()
    {
        var log = new SipMessageLog(maxMessagesPerCall: 2, maxCalls: 10, _time);
        log.Link("a@host", "call-1");
        for (var i = 0; i < 5; i++)
        {
            log.Record(Request("INFO", "a@host"), "in", Peer);
        }

        var (messages, dropped) = log.Read("call-1");

        Assert.Equal(2, messages.Count);
        Assert.Equal(3, dropped);
    }

    [Fact]
    public void Record_OptionsAndUnknownCalls_NotInAnyTimeline()
    {
        var log = new SipMessageLog(maxMessagesPerCall: 10, maxCalls: 10, _time);
        log.Link("a@host", "call-1");
        log.Record(Request("OPTIONS", "a@host"), "in", Peer);
        log.Record(Response(200, "OK", "OPTIONS", "a@host"), "out", Peer);

        Assert.Empty(log.Read("call-1").Messages);
        Assert.Empty(log.Read("no-such-call").Messages);
    }

    [Fact]
    public void Record_MoreCallsThanRemembered_OldestForgotten()
    {
        var log = new SipMessageLog(maxMessagesPerCall: 10, maxCalls: 2, _time);
        for (var i = 0; i < 3; i++)
        {
            log.Link($"sip-{i}", $"call-{i}");
            log.Record(Request("INVITE", $"sip-{i}"), "in", Peer);
        }

        Assert.Empty(log.Read("call-0").Messages);
        Assert.Single(log.Read("call-1").Messages);
        Assert.Equal(2, log.LinkedCalls);
        Assert.Single(log.Read("call-2").Messages);
    }

    private static SipMessage Request(string method, string callId) => SipMessage.CreateRequest(method, "sip:+15550100@127.0.0.1",
    [
        new SipHeader("Via", "SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-1"), new SipHeader("From", "<sip:a@127.0.0.1>;tag=1"),
        new SipHeader("To", "<sip:+15550100@127.0.0.1>"), new SipHeader("Call-ID", callId), new SipHeader("CSeq", $"1 {method}"),
    ]);

    private static SipMessage Response(int status, string reason, string method, string callId) => SipMessage.CreateResponse(status, reason,
    [
        new SipHeader("Via", "SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-1"), new SipHeader("From", "<sip:a@127.0.0.1>;tag=1"),
        new SipHeader("To", "<sip:+15550100@127.0.0.1>;tag=2"), new SipHeader("Call-ID", callId), new SipHeader("CSeq", $"1 {method}"),
    ]);
}
