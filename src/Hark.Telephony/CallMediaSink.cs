using Hark.Calls.Lifecycle;
using Hark.Media.Dtmf;
using Hark.Rtp.Sessions;

namespace Hark.Telephony;

/// <summary>Hands what arrives over RTP to the call: audio frames, RFC 4733 keys, and the media timeout.</summary>
internal sealed class CallMediaSink(CallActor actor) : IRtpMediaSink
{
    public void OnFrame(ReadOnlySpan<short> frame, bool concealed) => actor.TryPostFrame(frame, concealed);

    public void OnKey(DtmfKey key, long onsetSample) => actor.ExecuteMediaAsync(m => m.OnKey(key, onsetSample)).Forget();

    // The call ends as Hark's own decision; a recording in progress completes with what was said.
    public void OnMediaTimeout() => actor.ExecuteAsync(c => c.MediaTimedOut()).Forget();
}
