using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Hark.Sip.Messages;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// A SIP caller made of one UDP socket and hand-written requests, for sequences no SIP stack would send
/// (merged INVITEs, CANCEL races, BYE before ACK). Every response read is kept for <see cref="WaitForAsync"/>.
/// </summary>
internal sealed class RawSipPeer : IDisposable
{
    private const string Sdp = "v=0\r\no=raw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n";
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _hark;
    private readonly List<SipMessage> _responses = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;

    public RawSipPeer(IPEndPoint hark, IPAddress? local = null)
    {
        _hark = hark;
        _socket.Bind(new IPEndPoint(local ?? IPAddress.Loopback, 0));
        _receiving = ReceiveAsync();
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public int ResponseCount
    {
        get
        {
            lock (_responses)
            {
                return _responses.Count;
            }
        }
    }

    public string Invite(string callId, string fromTag, string branch, string number) =>
        Request("INVITE", number, callId, fromTag, null, branch, 1, "Content-Type: application/sdp\r\n", Sdp);

    public string Cancel(string callId, string fromTag, string branch, string number) =>
        Request("CANCEL", number, callId, fromTag, null, branch, 1);

    /// <summary>The ACK for a non-2xx final response: the INVITE's branch and the response's To tag.</summary>
    public string Ack(string callId, string fromTag, string toTag, string branch, string number) =>
        Request("ACK", number, callId, fromTag, toTag, branch, 1);

    public string Bye(string callId, string fromTag, string toTag, string number, int cseq = 2) =>
        Request("BYE", number, callId, fromTag, toTag, "z9hG4bK-" + Guid.NewGuid().ToString("N"), cseq);

    public void Send(string text) => _socket.SendTo(Encoding.UTF8.GetBytes(text), _hark);

    /// <summary>The first response (read so far or later) that matches; fails after <paramref name="timeout"/>.</summary>
    public async Task<SipMessage> WaitForAsync(Func<SipMessage, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_responses)
            {
                if (_responses.FirstOrDefault(match) is { } found)
                {
                    return found;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {what} within {timeout.TotalSeconds} s");
            await Task.Delay(5);
        }
    }

    public Task<SipMessage> WaitForAsync(string callId, string method, int status, TimeSpan timeout, string? branch = null) =>
        WaitForAsync(
            r => r.CallId == callId && r.CSeq.Method == method && r.StatusCode == status && (branch is null || r.TopVia.Branch == branch),
            timeout,
            $"{status} to {method} of {callId}{(branch is null ? "" : " branch " + branch)}");

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _receiving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private string Request(string method, string number, string callId, string fromTag, string? toTag, string branch, int cseq, string extra = "", string body = "") =>
        $"{method} sip:{number}@127.0.0.1 SIP/2.0\r\n"
        + $"Via: SIP/2.0/UDP {((IPEndPoint)_socket.LocalEndPoint!).Address}:{Port};branch={branch};rport\r\n"
        + "Max-Forwards: 70\r\n"
        + $"From: <sip:raw@127.0.0.1>;tag={fromTag}\r\n"
        + $"To: <sip:{number}@127.0.0.1>{(toTag is null ? "" : ";tag=" + toTag)}\r\n"
        + $"Call-ID: {callId}\r\n"
        + $"CSeq: {cseq.ToString(CultureInfo.InvariantCulture)} {method}\r\n"
        + "Contact: <sip:raw@127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + ">\r\n"
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
                received = await _socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (SipMessage.TryParse(buffer.AsSpan(0, received.ReceivedBytes), SipFraming.Datagram, out var message, out _) && message.IsResponse)
            {
                lock (_responses)
                {
                    _responses.Add(message);
                }
            }
        }
    }
}
