using System.Text.Json.Nodes;

namespace Hark.Integration.Harness;

/// <summary>Steps of a virtual caller's script, as JSON.</summary>
public static class CallerScript
{
    public static JsonObject WaitForBeep(double timeoutSeconds = 15) => new() { ["waitFor"] = "beep", ["timeoutSeconds"] = timeoutSeconds };

    public static JsonObject Play(string uri) => new() { ["play"] = uri };

    public static JsonObject Silence(double seconds) => new() { ["silence"] = seconds };

    public static JsonObject Dtmf(char key, string mode = "rfc4733", int durationMs = 100) =>
        new() { ["dtmf"] = key.ToString(), ["mode"] = mode, ["durationMs"] = durationMs };

    public static JsonObject HangUp() => new() { ["hangup"] = true };
}
