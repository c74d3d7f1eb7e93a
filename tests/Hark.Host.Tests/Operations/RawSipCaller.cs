using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Hark.Sip.Messages;

namespace Hark.Host.Tests.Operations;

/// <summary>
/// A SIP peer made of one UDP socket for signalling and one for RTP, with hand-written messages: as a caller INVITE, the
/// ACK for its 200, a few PCMU packets, BYE; as the called side, answers to Hark's requests. Every message read is kept.
/// </summary>
internal sealed class RawSipCaller : IDisposable
{
    private readonly Socket _sip = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Socket _rtp = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _hark;
    private readonly List<SipMessage> _responses = [];
    private readonly List<SipMessage> _requests = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;

    public RawSipCaller(int harkPort)
    {
        _hark = new IPEndPoint(IPAddress.Loopback, harkPort);
        _sip.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _rtp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _receiving = ReceiveAsync();
    }

    public string CallId { get; } = Guid.NewGuid().ToString("N") + "@raw";

    private string FromTag { get; } = "raw" + Guid.NewGuid().ToString("N")[..8];

    public int SipPort => ((IPEndPoint)_sip.LocalEndPoint!).Port;

    private string Sdp => "v=0\r\no=raw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio "
        + ((IPEndPoint)_rtp.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture) + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    public void Invite(string number, string callId) => Send(Request("INVITE", number, callId, null, 1, "Content-Type: application/sdp\r\n", Sdp));

    /// <summary>Answers a request Hark sent (an INVITE's 200 carries an SDP answer and a To tag).</summary>
    public void Respond(SipMessage request, int status, string reason)
    {
        var invite = request.Method == SipMethods.Invite;
        var body = invite && status == 200 ? Sdp : "";
        var text = new StringBuilder($"SIP/2.0 {status.ToString(CultureInfo.InvariantCulture)} {reason}\r\n");
        foreach (var via in request.GetHeaders("Via"))
        {
            text.Append("Via: ").Append(via).Append("\r\n");
        }

        var to = request.GetHeader("To")!;
        text.Append("From: ").Append(request.GetHeader("From")).Append("\r\n")
            .Append("To: ").Append(to).Append(to.Contains(";tag=", StringComparison.Ordinal) ? "" : ";tag=uas1").Append("\r\n")
            .Append("Call-ID: ").Append(request.CallId).Append("\r\n")
            .Append("CSeq: ").Append(request.CSeq.ToString()).Append("\r\n")
            .Append("Contact: <sip:raw@127.0.0.1:").Append(SipPort.ToString(CultureInfo.InvariantCulture)).Append(">\r\n")
            .Append(body.Length > 0 ? "Content-Type: application/sdp\r\n" : "")
            .Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body).ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n").Append(body);
        Send(text.ToString());
    }

    public async Task<SipMessage> WaitForRequestAsync(string method)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            lock (_requests)
            {
                if (_requests.FirstOrDefault(r => r.Method == method) is { } found)
                {
                    return found;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {method} from Hark");
            await Task.Delay(10);
        }
    }

    public void Ack(string number, string toTag) => Send(Request("ACK", number, CallId, toTag, 1));

    public void Bye(string number, string toTag) => Send(Request("BYE", number, CallId, toTag, 2));

    /// <summary>Sends <paramref name="count"/> 20 ms PCMU packets of silence to where Hark's answer said.</summary>
    public void SendRtp(SipMessage answer, int count)
    {
        var sdp = Encoding.ASCII.GetString(answer.Body.Span);
        var port = int.Parse(sdp.Split("m=audio ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        var packet = new byte[12 + 160];
        for (var i = 0; i < count; i++)
        {
            packet[0] = 0x80;
            packet[1] = 0;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(1000 + i));
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)(i * 160));
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0x1234_5678);
            packet.AsSpan(12).Fill(0xFF);
            _rtp.SendTo(packet, new IPEndPoint(IPAddress.Loopback, port));
        }
    }

    public async Task<SipMessage> WaitForAsync(string callId, string method, int status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            lock (_responses)
            {
                if (_responses.FirstOrDefault(r => r.CallId == callId && r.CSeq.Method == method && r.StatusCode == status) is { } found)
                {
                    return found;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {status} to {method} of {callId}");
            await Task.Delay(10);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _sip.Dispose();
        _rtp.Dispose();
        try
        {
            _receiving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private void Send(string text) => _sip.SendTo(Encoding.UTF8.GetBytes(text), _hark);

    private string Request(string method, string number, string callId, string? toTag, int cseq, string extra = "", string body = "") =>
        $"{method} sip:{number}@127.0.0.1 SIP/2.0\r\n"
        + $"Via: SIP/2.0/UDP 127.0.0.1:{SipPort.ToString(CultureInfo.InvariantCulture)};branch=z9hG4bK-{Guid.NewGuid():N};rport\r\n"
        + "Max-Forwards: 70\r\n"
        + $"From: <sip:+15550199@127.0.0.1>;tag={FromTag}\r\n"
        + $"To: <sip:{number}@127.0.0.1>{(toTag is null ? "" : ";tag=" + toTag)}\r\n"
        + $"Call-ID: {callId}\r\n"
        + $"CSeq: {cseq.ToString(CultureInfo.InvariantCulture)} {method}\r\n"
        + $"Contact: <sip:raw@127.0.0.1:{SipPort.ToString(CultureInfo.InvariantCulture)}>\r\n"
        + extra
        + $"Content-Length: {Encoding.UTF8.GetByteCount(body).ToString(CultureInfo.InvariantCulture)}\r\n\r\n"
        + body;

    private async Task ReceiveAsync()
    {
        var buffer = new byte[65_535];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _sip.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (SipMessage.TryParse(buffer.AsSpan(0, received.ReceivedBytes), SipFraming.Datagram, out var message, out _))
            {
                var kept = message.IsResponse ? _responses : _requests;
                lock (kept)
                {
                    kept.Add(message);
                }
            }
        }
    }
}
