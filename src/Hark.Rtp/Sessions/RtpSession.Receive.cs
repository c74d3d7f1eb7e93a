using System.Net;
using System.Net.Sockets;
using Hark.Rtp.Events;
using Hark.Rtp.Rtcp;

namespace Hark.Rtp.Sessions;

/// <summary>The receive side: the sockets read in batches, each audio packet to the jitter buffer, keys to the sink.</summary>
public sealed partial class RtpSession
{
    // Reads every datagram the socket holds (up to a bound), or counts what a ring handed over since the last tick
    // (a flush reads the socket as well: what arrived since the ring's last poll); the number read.
    private int Drain(long now, bool flushing = false)
    {
        var count = _ringSlot is null || flushing ? ReadLocked(_socket, MaxDatagramsPerTick, reports: false, now) : 0;
        count += _ringReceived;
        _ringReceived = 0;
        if (count > 0)
        {
            _lastPacketAt = now;
            _quietFrames = 0;
            _receivedUncounted += count;
        }

        return count;
    }

    private void CountPacketsLocked()
    {
        _ticksSinceCounted = 0;
        if (_receivedUncounted > 0)
        {
            RtpMetrics.Received(_receivedUncounted);
            _receivedUncounted = 0;
        }

        if (_sentUncounted > 0)
        {
            RtpMetrics.Sent(_sentUncounted);
            _sentUncounted = 0;
        }
    }

    // Reads what a socket holds, non-blocking and a batch per system call, up to limit datagrams: RTP to the jitter
    // buffer, or (reports) RTCP; the number read.
    private int ReadLocked(Socket socket, int limit, bool reports, long now)
    {
        var reader = DatagramReader.Current;
        var count = 0;
        for (var reads = 0; reads < limit;)
        {
            var received = reader.Receive(socket);
            if (received == DatagramReader.Empty)
            {
                break;
            }

            // An ICMP error for an earlier send is not media from the caller: it must not hold off the media timeout.
            if (received == DatagramReader.PeerUnreachable)
            {
                reads++;
                continue;
            }

            for (var i = 0; i < received; i++)
            {
                if (reports)
                {
                    OnReportLocked(reader.Datagram(i));
                }
                else
                {
                    OnDatagramLocked(reader.Datagram(i), reader.Sender(i), now);
                }
            }

            count += received;
            reads += received;
            if (received < DatagramReader.Capacity)
            {
                break; // a batch not full: the socket is empty
            }
        }

        return count;
    }

    private void OnDatagramLocked(ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> sender, long now)
    {
        if (RtpPacket.TryParse(datagram, out var packet) != RtpParseStatus.Ok)
        {
            return; // RTCP on a muxed port, STUN, or noise: not audio.
        }

        if (!sender.SequenceEqual(_remote.Buffer.Span[.._remote.Size]))
        {
            // Symmetric RTP: answer where the caller's packets come from (allocates only when that changes).
            _remote = new SocketAddress(_socket.AddressFamily, sender.Length);
            sender.CopyTo(_remote.Buffer.Span);
        }

        if (packet.PayloadType == _parameters.TelephoneEventPayloadType)
        {
            foreach (var key in _events.Receive(packet.Timestamp, packet.SequenceNumber, packet.Marker, packet.Payload))
            {
                if (key.Kind == TelephoneEventResultKind.KeyDown)
                {
                    // Media time: the event's timestamp on the delivered audio's timeline (the audio before it
                    // arrived before it, so it has been delivered).
                    var ahead = _jitter.IsStarted ? (long)unchecked((int)(key.StartTimestamp - _jitter.PlayoutTimestamp)) : 0;
                    _sink.OnKey(key.Key, Math.Max(0, _samplesDelivered + ahead));
                }
            }
        }
        else if (packet.PayloadType == _parameters.PayloadType || packet.PayloadType is 0 or 8)
        {
            if (_statistics is null || _statistics.Ssrc != packet.Ssrc)
            {
                _statistics = new RtpReceiveStatistics(packet.Ssrc, packet.SequenceNumber, minSequential: 1);
            }

            _statistics.Receive(packet.SequenceNumber, packet.Timestamp, _time.GetElapsedTime(_startedAt, now));
            var codec = packet.PayloadType == 0 ? G711Codec.Pcmu : packet.PayloadType == 8 ? G711Codec.Pcma : _parameters.Codec;
            _jitter.Insert(packet, codec);
            while (_jitter.TryReadComplete(_frame, out var kind))
            {
                Deliver(kind, counted: true);
            }
        }
    }
}
