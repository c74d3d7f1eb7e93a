using Hark.Calls.Simulation;

namespace Hark.Calls.Tests.Simulation;

/// <summary>Steps an engine in 20 ms frames over given heard audio (zeros past its end), collecting what it said and its events.</summary>
internal sealed class SimulatorRun
{
    public SimulatorRun(VirtualCallerEngine engine, short[] heard, int frames)
    {
        var frame = engine.SampleRate / 50;
        Said = new short[frames * frame];
        var input = new short[frame];
        for (var f = 0; f < frames; f++)
        {
            Array.Clear(input);
            var start = f * frame;
            if (start < heard.Length)
            {
                heard.AsSpan(start, Math.Min(frame, heard.Length - start)).CopyTo(input);
            }

            engine.Step(input, Said.AsSpan(start, frame));
            while (engine.TryRead(out var e))
            {
                Events.Add(e);
            }
        }
    }

    public short[] Said { get; }

    public List<SimulatorEvent> Events { get; } = [];

    public SimulatorEvent Single(SimulatorEventKind kind) => Assert.Single(Events, e => e.Kind == kind);

    public static VirtualCallerEngine Engine(params ScriptStep[] steps) => new(new SimulatorScript(steps));
}
