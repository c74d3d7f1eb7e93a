namespace Hark.Calls.Simulation;

/// <summary>
/// The scripted phone: each <see cref="Step"/> takes one frame heard from Hark and fills one frame
/// to say to it, running script steps with sample accuracy (a step may end mid-frame and the next
/// one start there). Events are read with <see cref="TryRead"/> after each step.
/// </summary>
/// <remarks>
/// Pure: time is the count of samples stepped. When the script finishes, fails or hangs up the
/// engine keeps answering with silence. Nothing is allocated per frame except a new one-second
/// chunk of <see cref="HeardSamples"/> every second. Not thread-safe: one engine per call.
/// </remarks>
public sealed class VirtualCallerEngine
{
    private readonly SimulatorScript _script;
    private readonly BeepDetector _beep;
    private readonly Queue<SimulatorEvent> _events = new(16);
    private long _position;
    private int _stepIndex;
    private bool _stepStarted;
    private long _stepStart;
    private long _stepLength;
    private int _beepsSeen;

    /// <summary>Creates an engine for <paramref name="script"/> at 8 kHz (the RTP seam) or 16 kHz.</summary>
    public VirtualCallerEngine(SimulatorScript script, int sampleRate = 8000)
    {
        ArgumentNullException.ThrowIfNull(script);
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Only 8000 or 16000 Hz is supported.");
        }

        _script = script;
        SampleRate = sampleRate;
        _beep = new BeepDetector(sampleRate);
        HeardSamples = new HeardAudio(sampleRate);
    }

    /// <summary>Samples per second of both directions.</summary>
    public int SampleRate { get; }

    /// <summary>Running until the script ends one way or another.</summary>
    public SimulatorState State { get; private set; }

    /// <summary>Index of the step running now; equals the step count once the script is over.</summary>
    public int CurrentStep => _stepIndex;

    /// <summary>Samples stepped so far (in each direction).</summary>
    public long Position => _position;

    /// <summary>Everything heard from Hark so far.</summary>
    public HeardAudio HeardSamples { get; }

    /// <summary>
    /// Advances one frame: records and analyses <paramref name="heardFromHark"/>, then fills
    /// <paramref name="saidToHark"/> (same length, normally 20 ms) with what the caller says.
    /// </summary>
    public void Step(ReadOnlySpan<short> heardFromHark, Span<short> saidToHark)
    {
        if (heardFromHark.Length != saidToHark.Length)
        {
            throw new ArgumentException(
                $"Heard and said frames must be the same length; got {heardFromHark.Length} and {saidToHark.Length}.", nameof(saidToHark));
        }

        HeardSamples.Append(heardFromHark);
        _beep.Process(heardFromHark);
        if (_beep.Count != _beepsSeen)
        {
            _beepsSeen = _beep.Count;
            _events.Enqueue(new SimulatorEvent(SimulatorEventKind.BeepHeard, -1, _beep.LastOnset));
        }

        var done = 0;
        while (done < saidToHark.Length)
        {
            if (State != SimulatorState.Running)
            {
                saidToHark[done..].Clear();
                break;
            }

            done += Advance(_position + done, saidToHark[done..]);
        }

        _position += saidToHark.Length;
    }

    /// <summary>Takes the oldest pending event; false when there is none.</summary>
    public bool TryRead(out SimulatorEvent simulatorEvent) => _events.TryDequeue(out simulatorEvent);

    /// <summary>Writes everything heard as a 16 kHz mono PCM16 WAV to a seekable stream.</summary>
    public void WriteHeardWav(Stream stream) => HeardSamples.WriteWav(stream, 16000);

    // Runs the current step from sample `now` into the start of output; returns the samples written
    // (0 when the step ended at once). Ending, failing or finishing the script happens here.
    private int Advance(long now, Span<short> output)
    {
        if (_stepIndex >= _script.Count)
        {
            Finish(now);
            return 0;
        }

        var step = _script[_stepIndex];
        if (!_stepStarted)
        {
            Start(step, now);
        }

        var elapsed = now - _stepStart;
        int written;
        switch (step)
        {
            case PlayStep play:
                written = (int)Math.Min(output.Length, _stepLength - elapsed);
                play.Samples.Span.Slice((int)elapsed, written).CopyTo(output);
                break;
            case DtmfStep { Mode: DtmfMode.Inband } dtmf when DtmfToneSynth.HasTones(dtmf.Key):
                written = (int)Math.Min(output.Length, _stepLength - elapsed);
                DtmfToneSynth.Write(dtmf.Key, elapsed, _stepLength, SampleRate, output[..written]);
                break;
            case WaitForStep wait:
                return Wait(wait, now, output);
            case HangUpStep:
                _events.Enqueue(new SimulatorEvent(SimulatorEventKind.HangUp, _stepIndex, now));
                State = SimulatorState.HungUp;
                Complete(now);
                return 0;
            default: // silence, and keys sent out of band (rfc4733, or flash, which has no tones)
                written = (int)Math.Min(output.Length, _stepLength - elapsed);
                output[..written].Clear();
                break;
        }

        if (elapsed + written == _stepLength)
        {
            Complete(now + written);
        }

        return written;
    }

    private void Start(ScriptStep step, long now)
    {
        _stepStarted = true;
        _stepStart = now;
        _events.Enqueue(new SimulatorEvent(SimulatorEventKind.StepStarted, _stepIndex, now));
        _stepLength = step switch
        {
            PlayStep play => play.Samples.Length,
            SilenceStep silence => ToSamples(silence.Duration),
            DtmfStep dtmf => ToSamples(dtmf.Duration),
            WaitForStep wait => ToSamples(wait.Timeout),
            _ => 0,
        };
        if (step is DtmfStep key)
        {
            _events.Enqueue(new SimulatorEvent(SimulatorEventKind.KeyPressed, _stepIndex, now, key.Key, key.Mode));
        }
    }

    // Silence until a beep confirmed during this step; the step ends at the sample it was confirmed.
    private int Wait(WaitForStep wait, long now, Span<short> output)
    {
        var deadline = _stepStart + _stepLength;
        var heard = _beep.Count > 0 && _beep.LastConfirmedAt > _stepStart ? _beep.LastConfirmedAt : long.MaxValue;
        var end = Math.Min(heard, deadline);
        var written = (int)Math.Clamp(end - now, 0, output.Length);
        output[..written].Clear();
        if (now + written == heard)
        {
            Complete(heard);
        }
        else if (now + written == deadline)
        {
            var reason = $"Step {_stepIndex}: no beep heard within {wait.Timeout.TotalSeconds:0.###} s.";
            _events.Enqueue(new SimulatorEvent(SimulatorEventKind.ScriptFailed, _stepIndex, deadline, Reason: reason));
            State = SimulatorState.Failed;
        }

        return written;
    }

    private void Complete(long now)
    {
        _events.Enqueue(new SimulatorEvent(SimulatorEventKind.StepCompleted, _stepIndex, now));
        _stepIndex++;
        _stepStarted = false;
        if (_stepIndex == _script.Count && State == SimulatorState.Running)
        {
            Finish(now);
        }
    }

    private void Finish(long now)
    {
        _events.Enqueue(new SimulatorEvent(SimulatorEventKind.ScriptFinished, -1, now));
        State = SimulatorState.Finished;
    }

    private long ToSamples(TimeSpan duration) =>
        ((duration.Ticks * SampleRate) + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond;
}
