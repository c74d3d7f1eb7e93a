using Hark.Calls.Media;

namespace Hark.Calls.Tests.Media;

/// <summary>Drives a processor frame by frame, keeping what it played and each event with the frame count when it appeared.</summary>
internal sealed class MediaHarness
{
    private readonly List<short> _outbound = [];

    public MediaHarness(int seamRate = 8000, CallMediaOptions? options = null)
    {
        Processor = new CallMediaProcessor(seamRate, Sink, options);
        SeamRate = seamRate;
    }

    public MemoryRecordingSink Sink { get; } = new();

    public CallMediaProcessor Processor { get; }

    public int SeamRate { get; }

    public int FrameSamples => SeamRate / 50;

    /// <summary>Frames processed so far.</summary>
    public long Frames { get; private set; }

    /// <summary>Events with the number of frames processed when they were read.</summary>
    public List<(long Frames, MediaEvent Event)> Events { get; } = [];

    public short[] Outbound => [.. _outbound];

    /// <summary>For each frame processed, whether the processor called its outbound audio idle.</summary>
    public List<bool> IdleFrames { get; } = [];

    /// <summary>Keys whose out-of-band send started in a frame, with the frame count after it (as <see cref="Events"/>).</summary>
    public List<(long Frames, Hark.Media.Dtmf.DtmfKey Key)> KeysStarted { get; } = [];

    /// <summary>Feeds whole frames of <paramref name="inbound"/> from <paramref name="fromFrame"/> for <paramref name="frames"/> frames (all remaining when negative).</summary>
    public void Run(short[] inbound, long fromFrame, long frames = -1)
    {
        var total = inbound.Length / FrameSamples;
        var end = frames < 0 ? total : Math.Min(total, fromFrame + frames);
        var outbound = new short[FrameSamples];
        for (var f = fromFrame; f < end; f++)
        {
            Processor.ProcessFrame(inbound.AsSpan((int)(f * FrameSamples), FrameSamples), outbound);
            _outbound.AddRange(outbound);
            IdleFrames.Add(Processor.OutboundIsIdle);
            Frames++;
            if (Processor.OutboundKeyStarted is { } key)
            {
                KeysStarted.Add((Frames, key));
            }
            Drain();
        }
    }

    /// <summary>Runs until the caller audio is used up, from where the harness stands.</summary>
    public void RunAll(short[] inbound) => Run(inbound, Frames);

    /// <summary>Runs <paramref name="frames"/> frames of the caller audio from where the harness stands.</summary>
    public void RunFrames(short[] inbound, long frames) => Run(inbound, Frames, frames);

    public void Drain()
    {
        while (Processor.TryRead(out var e))
        {
            Events.Add((Frames, e));
        }
    }

    public List<OperationCompletedEvent> Completions()
    {
        var result = new List<OperationCompletedEvent>();
        foreach (var (_, e) in Events)
        {
            if (e is OperationCompletedEvent c)
            {
                result.Add(c);
            }
        }

        return result;
    }

    public (long Frames, OperationCompletedEvent Event) Completion(string operationId)
    {
        foreach (var (frames, e) in Events)
        {
            if (e is OperationCompletedEvent c && c.OperationId == operationId)
            {
                return (frames, c);
            }
        }

        throw new Xunit.Sdk.XunitException($"No completion for {operationId}.");
    }
}
