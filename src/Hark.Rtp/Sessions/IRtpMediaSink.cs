using Hark.Media.Dtmf;

namespace Hark.Rtp.Sessions;

/// <summary>Where an <see cref="RtpSession"/> delivers what the caller sent (the call's media engine).</summary>
public interface IRtpMediaSink
{
    /// <summary>
    /// One 20 ms frame of caller audio at 8 kHz, on the session's tick; the buffer is reused afterwards.
    /// <paramref name="concealed"/> when its packet never arrived (newer audio did) and the frame is made up.
    /// </summary>
    void OnFrame(ReadOnlySpan<short> frame, bool concealed);

    /// <summary>An RFC 4733 key press; <paramref name="onsetSample"/> counts samples of <see cref="OnFrame"/> audio.</summary>
    void OnKey(DtmfKey key, long onsetSample);

    /// <summary>No RTP arrived for the configured media timeout (called once).</summary>
    void OnMediaTimeout();
}
