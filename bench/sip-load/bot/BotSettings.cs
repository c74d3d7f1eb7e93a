using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Hark.SipLoadBot;

/// <summary>What run.py passes on the command line.</summary>
/// <param name="Hark">Hark's base URL.</param>
/// <param name="Port">The loopback port to receive notifications on (Hark's configured callback).</param>
/// <param name="Folder">Where the WAVs are saved.</param>
/// <param name="Results">Where calls and failures are written as JSON when the bot stops.</param>
/// <param name="PromptUri">A prompt for every recordResponse (with a beep), or null: no prompt, no beep.</param>
/// <param name="Connections">Connections to Hark's API at most.</param>
internal sealed record BotSettings(
    Uri Hark, string ClientId, string Secret, int Port, string Folder, string Results, string? PromptUri, int Connections)
{
    public static BotSettings From(IConfiguration config)
    {
        string Required(string key) => config[key] ?? throw new ArgumentException($"--{key} is required");
        var promptFile = config["prompt-file"];
        return new BotSettings(
            new Uri(Required("hark")),
            Required("client-id"),
            Required("secret"),
            int.Parse(Required("port"), CultureInfo.InvariantCulture),
            Required("folder"),
            Required("results"),
            promptFile is null ? null : File.ReadAllText(promptFile).Trim(),
            int.Parse(config["connections"] ?? "64", CultureInfo.InvariantCulture));
    }
}
