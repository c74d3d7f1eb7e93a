using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Hark.Media.Dtmf;

namespace Hark.Calls.Simulation;

/// <summary>Validates <see cref="ScriptStepDefinition"/>s into a <see cref="SimulatorScript"/>, reporting every bad field.</summary>
public static class ScriptParser
{
    /// <summary>Longest silence step accepted.</summary>
    public static readonly TimeSpan MaxSilence = TimeSpan.FromHours(1);

    /// <summary>Shortest key press; Q.24 receivers may reject anything under 40 ms.</summary>
    public const int MinDtmfDurationMs = 40;

    /// <summary>Longest key press.</summary>
    public const int MaxDtmfDurationMs = 5000;

    /// <summary>waitFor timeout range in seconds (inclusive).</summary>
    public const double MinTimeoutSeconds = 1;

    /// <summary>waitFor timeout range in seconds (inclusive).</summary>
    public const double MaxTimeoutSeconds = 300;

    /// <summary>Parses <paramref name="definitions"/>; on failure <paramref name="errors"/> lists every problem found.</summary>
    public static bool TryParse(
        IReadOnlyList<ScriptStepDefinition?> definitions,
        [NotNullWhen(true)] out SimulatorScript? script,
        out IReadOnlyList<ScriptError> errors)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var found = new List<ScriptError>();
        var steps = new List<ScriptStep>(definitions.Count);
        for (var i = 0; i < definitions.Count; i++)
        {
            var step = ParseStep(i, definitions[i], found);
            if (step is null)
            {
                continue;
            }

            if (step is HangUpStep && i != definitions.Count - 1)
            {
                found.Add(new ScriptError(i, "hangup", "hangup must be the last step; nothing can follow it."));
            }

            steps.Add(step);
        }

        errors = found;
        script = found.Count == 0 ? new SimulatorScript(steps) : null;
        return script is not null;
    }

    private static ScriptStep? ParseStep(int index, ScriptStepDefinition? d, List<ScriptError> errors)
    {
        if (d is null)
        {
            errors.Add(new ScriptError(index, "step", "The step is missing."));
            return null;
        }

        var kind = d.Kind?.ToUpperInvariant();
        var before = errors.Count;
        ScriptStep? step = kind switch
        {
            "PLAY" => ParsePlay(index, d, errors),
            "SILENCE" => ParseSilence(index, d, errors),
            "DTMF" => ParseDtmf(index, d, errors),
            "WAITFOR" => ParseWaitFor(index, d, errors),
            "HANGUP" => Unexpected(index, d, errors, "hangup") ? null : new HangUpStep(),
            _ => null,
        };
        if (step is null && errors.Count == before)
        {
            errors.Add(new ScriptError(
                index, "kind", $"Unknown step '{d.Kind}'; expected play, silence, dtmf, waitFor or hangup."));
        }

        return errors.Count == before ? step : null;
    }

    private static PlayStep? ParsePlay(int index, ScriptStepDefinition d, List<ScriptError> errors)
    {
        Unexpected(index, d, errors, "play");
        if (d.Audio is not { } audio)
        {
            errors.Add(new ScriptError(index, "play", "play needs audio."));
            return null;
        }

        return new PlayStep(audio);
    }

    private static SilenceStep? ParseSilence(int index, ScriptStepDefinition d, List<ScriptError> errors)
    {
        Unexpected(index, d, errors, "silence");
        if (d.Seconds is not { } seconds || !double.IsFinite(seconds) || seconds < 0 || seconds > MaxSilence.TotalSeconds)
        {
            errors.Add(new ScriptError(
                index, "silence", $"silence must be a number of seconds from 0 to {MaxSilence.TotalSeconds.ToString(CultureInfo.InvariantCulture)}; got {Show(d.Seconds)}."));
            return null;
        }

        return new SilenceStep(TimeSpan.FromSeconds(seconds));
    }

    private static DtmfStep? ParseDtmf(int index, ScriptStepDefinition d, List<ScriptError> errors)
    {
        Unexpected(index, d, errors, "dtmf");
        var ok = true;
        var key = DtmfKey.Digit0;
        if (d.Key is not { Length: 1 } text || !DtmfKeyExtensions.TryParse(text[0], out key) || key == DtmfKey.Flash)
        {
            errors.Add(new ScriptError(index, "dtmf", $"dtmf must be one of 0-9, *, #, A-D; got '{d.Key}'."));
            ok = false;
        }

        var mode = DtmfMode.Rfc4733;
        if (d.Mode is not null)
        {
            if (string.Equals(d.Mode, "inband", StringComparison.OrdinalIgnoreCase))
            {
                mode = DtmfMode.Inband;
            }
            else if (!string.Equals(d.Mode, "rfc4733", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new ScriptError(index, "mode", $"mode must be rfc4733 or inband; got '{d.Mode}'."));
                ok = false;
            }
        }

        var duration = DtmfStep.DefaultDuration;
        if (d.DurationMs is { } ms)
        {
            if (ms is < MinDtmfDurationMs or > MaxDtmfDurationMs)
            {
                errors.Add(new ScriptError(
                    index, "durationMs", $"durationMs must be {MinDtmfDurationMs} to {MaxDtmfDurationMs}; got {ms}."));
                ok = false;
            }

            duration = TimeSpan.FromMilliseconds(ms);
        }

        return ok ? new DtmfStep(key, mode, duration) : null;
    }

    private static WaitForStep? ParseWaitFor(int index, ScriptStepDefinition d, List<ScriptError> errors)
    {
        Unexpected(index, d, errors, "waitFor");
        var ok = true;
        if (!string.Equals(d.Target, "beep", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new ScriptError(index, "waitFor", $"waitFor must be beep; got '{d.Target}'."));
            ok = false;
        }

        var timeout = WaitForStep.DefaultTimeout;
        if (d.TimeoutSeconds is { } seconds)
        {
            if (!double.IsFinite(seconds) || seconds < MinTimeoutSeconds || seconds > MaxTimeoutSeconds)
            {
                errors.Add(new ScriptError(
                    index, "timeoutSeconds", $"timeoutSeconds must be {MinTimeoutSeconds} to {MaxTimeoutSeconds}; got {Show(seconds)}."));
                ok = false;
            }
            else
            {
                timeout = TimeSpan.FromSeconds(seconds);
            }
        }

        return ok ? new WaitForStep(WaitTarget.Beep, timeout) : null;
    }

    // Fields that belong to another kind are refused rather than ignored, so typos surface.
    private static bool Unexpected(int index, ScriptStepDefinition d, List<ScriptError> errors, string kind)
    {
        var before = errors.Count;
        Check(d.Audio is not null && kind != "play", "play");
        Check(d.Seconds is not null && kind != "silence", "silence");
        Check(d.Key is not null && kind != "dtmf", "dtmf");
        Check(d.Mode is not null && kind != "dtmf", "mode");
        Check(d.DurationMs is not null && kind != "dtmf", "durationMs");
        Check(d.Target is not null && kind != "waitFor", "waitFor");
        Check(d.TimeoutSeconds is not null && kind != "waitFor", "timeoutSeconds");
        return errors.Count != before;

        void Check(bool present, string field)
        {
            if (present)
            {
                errors.Add(new ScriptError(index, field, $"{field} does not apply to a {kind} step."));
            }
        }
    }

    private static string Show(double? value) =>
        value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "nothing";
}
