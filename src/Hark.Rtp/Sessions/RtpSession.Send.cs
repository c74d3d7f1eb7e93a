using System.Net.Sockets;
using Hark.Media.Dtmf;

namespace Hark.Rtp.Sessions;

/// <summary>The send side: Hark's audio in whole packets, and RFC 4733 events in their place.</summary>
public sealed partial class RtpSession
{
    /// <summary>
    /// One 20 ms frame of Hark's audio; sent as 20 or 30 ms packets as negotiated. After <see cref="DisposeAsync"/>
    /// the frame is dropped: a call's loop may still send one it queued before the other side hung up.
    /// </summary>
    public void SendFrame(ReadOnlySpan<short> frame)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            var offset = 0;
            while (offset < frame.Length)
            {
                var take = Math.Min(frame.Length - offset, _outbound.Length - _outboundFill);
                frame.Slice(offset, take).CopyTo(_outbound.AsSpan(_outboundFill));
                _outboundFill += take;
                offset += take;
                if (_outboundFill == _outbound.Length)
                {
                    var length = _sender.WriteFrame(_outbound, _sendBuffer);
                    _outboundFill = 0;
                    SendLocked(length);
                }
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="key"/> as RFC 4733 events lasting <paramref name="duration"/> timestamp units, in place of
    /// the next audio packets (see <see cref="RtpSender.StartEvent"/>); ignored once disposed.
    /// </summary>
    /// <exception cref="InvalidOperationException">No telephone-event payload type was negotiated.</exception>
    public void StartEvent(DtmfKey key, uint duration)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                _sender.StartEvent(key, duration);
            }
        }
    }

    private void SendLocked(int length)
    {
        try
        {
            _socket.SendTo(_sendBuffer.AsSpan(0, length), SocketFlags.None, _remote);
            RtpMetrics.Sent(1);
        }
        catch (SocketException)
        {
            // A send to an unreachable peer (ICMP port unreachable reported back) loses this packet, not the call.
        }
    }
}
