namespace Hark.Calls.Simulation;

/// <summary>
/// One step as an API client wrote it, before validation. <see cref="Kind"/> is <c>play</c>,
/// <c>silence</c>, <c>dtmf</c>, <c>waitFor</c> or <c>hangup</c> (case-insensitive); only the fields of
/// that kind may be set.
/// </summary>
/// <param name="Kind">The step kind.</param>
/// <param name="Audio">play: decoded PCM16 at the engine's sample rate.</param>
/// <param name="Seconds">silence: length in seconds.</param>
/// <param name="Key">dtmf: one keypad character (0-9, *, #, A-D).</param>
/// <param name="Mode">dtmf: <c>rfc4733</c> (default) or <c>inband</c>.</param>
/// <param name="DurationMs">dtmf: press length in milliseconds (default 100).</param>
/// <param name="Target">waitFor: <c>beep</c>.</param>
/// <param name="TimeoutSeconds">waitFor: 1 to 300 seconds (default 30).</param>
public sealed record ScriptStepDefinition(
    string? Kind,
    ReadOnlyMemory<short>? Audio = null,
    double? Seconds = null,
    string? Key = null,
    string? Mode = null,
    int? DurationMs = null,
    string? Target = null,
    double? TimeoutSeconds = null);
