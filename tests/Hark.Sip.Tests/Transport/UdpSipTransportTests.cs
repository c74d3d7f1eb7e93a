using System.Net;
using Hark.Sip.Messages;
using Hark.Sip.Transport;

namespace Hark.Sip.Tests.Transport;

public class UdpSipTransportTests
{
    [Fact]
    public async Task Constructor_PortZero_ExposesBoundPort()
    {
        await using var rig = new UdpRig();

        Assert.NotEqual(0, rig.Hark.Port);
    }

    [Fact]
    public async Task OnMessage_SameRequestSentThreeTimes_HandlerSeesItOnceAndEachCopyIsAnswered()
    {
        await using var rig = new UdpRig();
        rig.Handler.Answer = (tx, request) => RecordingHandler.Reply(tx, request, 200);
        var request = SipWire.Request("INFO", $"SIP/2.0/UDP 127.0.0.1:{rig.Peer.Port};branch=z9hG4bKthree");

        for (var i = 0; i < 3; i++)
        {
            rig.Peer.Send(request, rig.Hark);
        }

        var answers = new[] { await rig.Peer.ReceiveMessageAsync(), await rig.Peer.ReceiveMessageAsync(), await rig.Peer.ReceiveMessageAsync() };
        Assert.All(answers, a => Assert.Equal(200, a.StatusCode));
        Assert.Single(rig.Handler.Requests);
    }

    [Fact]
    public async Task SendResponse_ViaWithEmptyRport_GoesToSourceAddressAndPortAndEchoesThem()
    {
        await using var rig = new UdpRig();
        rig.Handler.Answer = (tx, request) => RecordingHandler.Reply(tx, request, 200);

        // The sent-by names an address and port nobody listens on: only received/rport reach the peer.
        rig.Peer.Send(SipWire.Request("INFO", "SIP/2.0/UDP 192.0.2.1:5999;branch=z9hG4bKrport;rport"), rig.Hark);
        var response = await rig.Peer.ReceiveMessageAsync();

        Assert.Equal("127.0.0.1", response.TopVia.Received);
        Assert.Equal(rig.Peer.Port, response.TopVia.Rport);
        Assert.Equal("192.0.2.1", response.TopVia.Host);
    }

    [Fact]
    public async Task OnMessage_SentByHostDiffersWithoutRport_SetsReceivedAndAnswersTheSentByPort()
    {
        await using var rig = new UdpRig();
        rig.Handler.Answer = (tx, request) => RecordingHandler.Reply(tx, request, 200);

        rig.Peer.Send(SipWire.Request("INFO", $"SIP/2.0/UDP pc33.test.invalid:{rig.Peer.Port};branch=z9hG4bKnoport"), rig.Hark);
        var response = await rig.Peer.ReceiveMessageAsync();

        Assert.Equal("127.0.0.1", Assert.Single(rig.Handler.Requests).TopVia.Received);
        Assert.Equal("127.0.0.1", response.TopVia.Received);
        Assert.False(response.TopVia.HasRport);
    }

    [Fact]
    public async Task OnMessage_SentByIsTheSourceAddress_AddsNoReceived()
    {
        await using var rig = new UdpRig();
        rig.Handler.Answer = (tx, request) => RecordingHandler.Reply(tx, request, 200);

        rig.Peer.Send(SipWire.Request("INFO", $"SIP/2.0/UDP 127.0.0.1:{rig.Peer.Port};branch=z9hG4bKsame"), rig.Hark);
        var response = await rig.Peer.ReceiveMessageAsync();

        Assert.Null(response.TopVia.Received);
    }

    [Theory]
    [InlineData("INFO sip:hark@127.0.0.1 SIP/2.0", "Max-Forwards: many", 400)]
    [InlineData("INFO sip:hark@127.0.0.1 SIP/7.0", "Max-Forwards: 70", 505)]
    public async Task Receive_MalformedRequestWithReadableVia_AnswersWithTheParseErrorStatus(string requestLine, string maxForwards, int expected)
    {
        await using var rig = new UdpRig();
        var text = $"{requestLine}\r\nVia: SIP/2.0/UDP 127.0.0.1:{rig.Peer.Port};branch=z9hG4bKbad\r\n{maxForwards}\r\n"
            + "From: <sip:a@test.invalid>;tag=1\r\nTo: <sip:hark@127.0.0.1>\r\nCall-ID: bad@test\r\nCSeq: 1 INFO\r\nContent-Length: 0\r\n\r\n";

        rig.Peer.Send(text, rig.Hark);
        var response = await rig.Peer.ReceiveMessageAsync();

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("bad@test", response.CallId);
        Assert.Empty(rig.Handler.Requests);
    }

    [Fact]
    public async Task Receive_ContentLengthBeyondTheDatagram_Answers400WithAToTag()
    {
        await using var rig = new UdpRig();
        var text = SipWire.Request("INVITE", rig.Via("z9hG4bKshort")).Replace("Content-Length: 0", "Content-Length: 500", StringComparison.Ordinal) + "v=0\r\n";

        rig.Peer.Send(text, rig.Hark);
        var response = await rig.Peer.ReceiveMessageAsync();

        // §18.3: a request whose body ends before Content-Length says gets 400; §8.2.6.2: with a To tag.
        Assert.Equal(400, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(response.To.Tag));
        Assert.Empty(rig.Handler.Requests);
    }

    [Fact]
    public async Task Receive_UnparsableRequestWithEmptyRport_AnswerEchoesTheSourcePortAndAddress()
    {
        await using var rig = new UdpRig();
        var text = SipWire.Request("INFO", $"SIP/2.0/UDP 192.0.2.7:5999;branch=z9hG4bKnat;rport").Replace("Max-Forwards: 70", "Max-Forwards: many", StringComparison.Ordinal);

        rig.Peer.Send(text, rig.Hark);
        var response = await rig.Peer.ReceiveMessageAsync();

        // RFC 3581 §4: rport filled with the source port, received with the source address, as for parsed requests.
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(rig.Peer.Port, response.TopVia.Rport);
        Assert.Equal("127.0.0.1", response.TopVia.Received);
    }

    [Fact]
    public async Task Receive_GarbageAndRequestWithoutFrom_AreDroppedSilently()
    {
        await using var rig = new UdpRig();
        rig.Handler.Answer = (tx, request) => RecordingHandler.Reply(tx, request, 200);
        rig.Peer.Send("\u0001\u0002 not SIP at all\r\n\r\n", rig.Hark);
        rig.Peer.Send(SipWire.Request("INFO", $"SIP/2.0/UDP 127.0.0.1:{rig.Peer.Port};branch=z9hG4bKnofrom").Replace("From: <sip:alice@test.invalid>;tag=a1\r\n", string.Empty, StringComparison.Ordinal), rig.Hark);
        rig.Peer.Send(SipWire.Request("INFO", $"SIP/2.0/UDP 127.0.0.1:{rig.Peer.Port};branch=z9hG4bKafter", callId: "after@test"), rig.Hark);

        // One receive loop, in order: the first answer the peer gets is the one to the valid request.
        var response = await rig.Peer.ReceiveMessageAsync();

        Assert.Equal("after@test", response.CallId);
        Assert.Equal("after@test", Assert.Single(rig.Handler.Requests).CallId);
    }
}
