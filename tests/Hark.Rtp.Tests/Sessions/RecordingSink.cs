using Hark.Media.Dtmf;
using Hark.Rtp.Sessions;

namespace Hark.Rtp.Tests.Sessions;

/// <summary>Keeps what an <see cref="RtpSession"/> delivers.</summary>
internal sealed class RecordingSink : IRtpMediaSink
{
    private readonly Lock _gate = new();

    public List<short> Samples { get; } = [];

    public List<(DtmfKey Key, long Onset)> Keys { get; } = [];

    public int Timeouts { get; private set; }

    public TaskCompletionSource KeySeen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>OnFrame throws, as a broken call's media might.</summary>
    public bool Throws { get; set; }

    public void OnFrame(ReadOnlySpan<short> frame, bool concealed)
    {
        if (Throws)
        {
            throw new InvalidOperationException("a broken call");
        }

        lock (_gate)
        {
            Samples.AddRange(frame);
        }
    }

    public void OnKey(DtmfKey key, long onsetSample)
    {
        lock (_gate)
        {
            Keys.Add((key, onsetSample));
        }

        KeySeen.TrySetResult();
    }

    public void OnMediaTimeout() => Timeouts++;
}
