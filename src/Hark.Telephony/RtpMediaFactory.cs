using System.Net;
using System.Net.Sockets;
using Hark.Rtp;
using Hark.Sdp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hark.Telephony;

/// <summary>Answers a caller's SDP offer with a port of Hark's own, and opens that port.</summary>
internal sealed class RtpMediaFactory(
    RtpPortPool pool, MediaPacer pacer, IOptions<SipOptions> sip, IOptions<RtpOptions> rtp, TimeProvider time, TelephonyMetrics metrics, ILogger<RtpMediaLeg> logger)
{
    /// <summary>The answer and the leg behind it, or the 488 reason when nothing in the offer is acceptable.</summary>
    public (RtpMediaLeg? Leg, SdpAnswerResult Answer) Answer(SessionDescription offer)
    {
        var address = IPAddress.Parse(sip.Value.ListenAddress);
        var advertised = sip.Value.PublicAddress ?? sip.Value.ListenAddress;
        var (port, socket, rtcp) = Open(address);
        var answer = OfferAnswer.Answer(offer, new LocalAudioCapabilities(advertised, port, (ulong)Random.Shared.NextInt64(1, long.MaxValue)));
        if (!answer.IsAccepted)
        {
            socket.Dispose();
            rtcp.Dispose();
            pool.Release(port);
            return (null, answer);
        }

        return (new RtpMediaLeg(pool, port, socket, rtcp, answer.Audio!, answer.Answer!, pacer, rtp.Value, time, metrics, logger), answer);
    }

    /// <summary>An offer for an outgoing call and the leg behind it; its audio is set once the callee answers.</summary>
    public RtpMediaLeg Offer()
    {
        var address = IPAddress.Parse(sip.Value.ListenAddress);
        var advertised = sip.Value.PublicAddress ?? sip.Value.ListenAddress;
        var (port, socket, rtcp) = Open(address);
        var offer = OfferAnswer.CreateOffer(new LocalAudioCapabilities(advertised, port, (ulong)Random.Shared.NextInt64(1, long.MaxValue)));
        return new RtpMediaLeg(pool, port, socket, rtcp, null, offer, pacer, rtp.Value, time, metrics, logger);
    }

    private (int Port, Socket Rtp, Socket Rtcp) Open(IPAddress address)
    {
        // A pool port may be taken by another program (or another Hark on this machine): try the next one, up to
        // the whole range once.
        for (var attempt = 0; ; attempt++)
        {
            var port = pool.Allocate();
            var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            var rtcp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                socket.Bind(new IPEndPoint(address, port));
                rtcp.Bind(new IPEndPoint(address, port + 1));
                return (port, socket, rtcp);
            }
            catch (SocketException) when (attempt < pool.Capacity)
            {
                socket.Dispose();
                rtcp.Dispose();
                pool.Release(port);
            }
        }
    }
}
