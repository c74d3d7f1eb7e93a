using System.Net.Sockets;
using Hark.Media.Dtmf;

namespace Hark.Rtp.Sessions;

/// <summary>The send side: Hark's audio in whole packets, and RFC 4733 events in their place.</summary>
public sealed partial class RtpSession
{
    /// <summary>
    /// One 20 ms frame of Hark's audio; sent as 20 or 30 ms packets as negotiated. With
    /// <see cref="RtpSessionParameters.IdleKeepAlive"/>, a packet made only of <paramref name="idle"/> frames (silence or
    /// comfort noise) stays unsent, except the first and one per keep-alive interval; the timestamp runs on, and the
    /// next packet sent carries the marker (RFC 3551 section 4.1). RFC 4733 events are always sent. After
    /// <see cref="DisposeAsync"/> the frame is dropped: a call's loop may still send one it queued before the other side hung up.
    /// </summary>
    public void SendFrame(ReadOnlySpan<short> frame, bool idle = false) => Pass(frame, idle, held: false);

    /// <summary>
    /// A 20 ms frame that goes unsent because the other side holds the call (it asked not to receive): the timestamp
    /// runs on as with silence suppression, and the first packet after the hold carries the marker.
    /// </summary>
    public void HoldFrame(ReadOnlySpan<short> frame) => Pass(frame, idle: true, held: true);

    private void Pass(ReadOnlySpan<short> frame, bool idle, bool held)
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
                _outboundIdle &= idle;
                offset += take;
                if (_outboundFill == _outbound.Length)
                {
                    if (held || (_outboundIdle && SkipIdleLocked()))
                    {
                        _sender.SkipFrame();
                    }
                    else
                    {
                        SendLocked(_sender.WriteFrame(_outbound, _sendBuffer));
                        _idleSkipped = 0;
                    }

                    _outboundFill = 0;
                    _outboundIdle = true;
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

    // Whether an idle packet may stay unsent: never while a key press goes out or without a keep-alive interval, and
    // not the first of a call nor one per interval. A packet with sound restarts the interval.
    private bool SkipIdleLocked()
    {
        if (_idlePacketsPerKeepAlive == 0 || _sender.IsSendingEvent)
        {
            return false;
        }

        return ++_idleSkipped < _idlePacketsPerKeepAlive;
    }

    private void SendLocked(int length)
    {
        try
        {
            _socket.SendTo(_sendBuffer.AsSpan(0, length), SocketFlags.None, _remote);
            _sentUncounted++;
        }
        catch (SocketException)
        {
            // A send to an unreachable peer (ICMP port unreachable reported back) loses this packet, not the call.
        }
    }
}
