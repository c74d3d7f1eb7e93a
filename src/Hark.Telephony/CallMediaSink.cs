using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Media.Dtmf;
using Hark.Rtp.Sessions;

namespace Hark.Telephony;

/// <summary>
/// Hands what arrives over RTP to the call, inline on the session's tick (the call's media thread): each frame runs
/// through the call's media processing and Hark's answer goes straight back out; keys likewise; the media timeout
/// becomes a lifecycle input.
/// </summary>
internal sealed class CallMediaSink(CallActor actor, RtpMediaLeg leg) : IRtpMediaSink
{
    private readonly short[] _outbound = new short[actor.FrameSamples];

    public void OnFrame(ReadOnlySpan<short> frame, bool concealed)
    {
        if (actor.ProcessFrame(frame, _outbound, concealed, out var idle, out var key))
        {
            if (key is { } started)
            {
                // In this frame's media time, ahead of its audio: the events take the packet's place.
                leg.SendDtmfEvent(started, CallMediaProcessor.DtmfToneDuration);
            }

            leg.SendFrame(_outbound, idle);
        }
    }

    public void OnKey(DtmfKey key, long onsetSample) => actor.ProcessKey(key, onsetSample);

    // The call ends as Hark's own decision; a recording in progress completes with what was said.
    public void OnMediaTimeout() => actor.ExecuteAsync(c => c.MediaTimedOut()).Forget();
}
