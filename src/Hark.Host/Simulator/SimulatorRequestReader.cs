using System.Text.Json;
using Hark.Calls.Simulation;

namespace Hark.Host.Simulator;

/// <summary>
/// Reads <c>POST /hark/v1/simulator/calls</c>: <c>{"to","from","script":[...]}</c>, each step an object named
/// by its one kind key (<c>play</c>, <c>silence</c>, <c>dtmf</c>, <c>waitFor</c>, <c>hangup</c>) plus that kind's options.
/// Play steps keep their URI here; audio is fetched afterwards.
/// </summary>
internal static class SimulatorRequestReader
{
    private static readonly string[] Kinds = ["play", "silence", "dtmf", "waitFor", "hangup"];

    public static SimulatorCallRequest? Read(JsonElement root, List<string> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("The body must be a JSON object with \"script\" and optionally \"to\" and \"from\".");
            return null;
        }

        var to = OptionalString(root, "to", errors);
        var from = OptionalString(root, "from", errors) ?? "+15550100";
        if (!root.TryGetProperty("script", out var script) || script.ValueKind != JsonValueKind.Array)
        {
            errors.Add("script is required and must be an array of steps.");
            return null;
        }

        var steps = new List<RawStep>();
        var index = 0;
        foreach (var step in script.EnumerateArray())
        {
            steps.Add(ReadStep(step, index++, errors));
        }

        return errors.Count == 0 ? new SimulatorCallRequest(to, from, steps) : null;
    }

    private static RawStep ReadStep(JsonElement step, int index, List<string> errors)
    {
        if (step.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"script[{index}] must be an object such as {{\"silence\": 1.5}}.");
            return new RawStep(null, null);
        }

        string? kind = null;
        foreach (var candidate in Kinds)
        {
            if (step.TryGetProperty(candidate, out _))
            {
                if (kind is not null)
                {
                    errors.Add($"script[{index}] names two kinds ({kind} and {candidate}); a step does one thing.");
                }

                kind ??= candidate;
            }
        }

        if (kind is null)
        {
            errors.Add($"script[{index}] has none of the step kinds {string.Join(", ", Kinds)}.");
            return new RawStep(null, null);
        }

        try
        {
            var value = step.GetProperty(kind);
            var definition = kind switch
            {
                "play" => new ScriptStepDefinition("play"),
                "silence" => new ScriptStepDefinition("silence", Seconds: value.GetDouble()),
                "dtmf" => new ScriptStepDefinition(
                    "dtmf",
                    Key: value.GetString(),
                    Mode: step.TryGetProperty("mode", out var mode) ? mode.GetString() : null,
                    DurationMs: step.TryGetProperty("durationMs", out var ms) ? ms.GetInt32() : null),
                "waitFor" => new ScriptStepDefinition(
                    "waitFor",
                    Target: value.GetString(),
                    TimeoutSeconds: step.TryGetProperty("timeoutSeconds", out var timeout) ? timeout.GetDouble() : null),
                _ => value.ValueKind == JsonValueKind.True
                    ? new ScriptStepDefinition("hangup")
                    : throw new InvalidOperationException("hangup must be true"),
            };
            return new RawStep(definition, kind == "play" ? value.GetString() : null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            errors.Add($"script[{index}].{kind} has the wrong type: {ex.Message}.");
            return new RawStep(null, null);
        }
    }

    private static string? OptionalString(JsonElement root, string name, List<string> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            errors.Add($"{name} must be a non-empty string.");
            return null;
        }

        return value.GetString();
    }
}
