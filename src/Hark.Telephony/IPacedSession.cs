using Hark.Rtp.Sessions;

namespace Hark.Telephony;

/// <summary>Something that exchanges one 20 ms frame per <see cref="MediaPacer"/> tick.</summary>
public interface IPacedSession
{
    /// <summary>Runs one frame; false when the session is over and should no longer be ticked.</summary>
    bool Tick();

    /// <summary>Its RTP session, whose receive the shard's io_uring may take over; null when it has none.</summary>
    RtpSession? Receiver => null;
}
