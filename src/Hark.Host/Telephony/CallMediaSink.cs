using Hark.Calls.Lifecycle;
using Hark.Media.Dtmf;
using Hark.Rtp.Sessions;

namespace Hark.Host.Telephony;

/// <summary>Hands what arrives over RTP to the call: audio frames, RFC 4733 keys, and the media timeout.</summary>
internal sealed class CallMediaSink(CallActor actor) : IRtpMediaSink
{
    public void OnFrame(ReadOnlySpan<short> frame) => actor.TryPostFrame(frame);

    public void OnKey(DtmfKey key, long onsetSample) => Observe(actor.ExecuteMediaAsync(m => m.OnKey(key, onsetSample)));

    // The call ends as Hark's own decision; a recording in progress completes with what was said.
    public void OnMediaTimeout() => Observe(actor.ExecuteAsync(c => c.Abort(CallResultCodes.MediaTimeout)));

    private static void Observe(Task task) => _ = task.ContinueWith(
        static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
