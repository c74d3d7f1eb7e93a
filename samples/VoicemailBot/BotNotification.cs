using System.Text.Json;

namespace Hark.Samples.Voicemail;

/// <summary>One entry of a commsNotifications body.</summary>
internal sealed record BotNotification(string ChangeType, string ResourceUrl, JsonElement ResourceData)
{
    /// <summary>The call id, from resourceUrl: not every payload carries an id of its own.</summary>
    public string CallId
    {
        get
        {
            var parts = ResourceUrl.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var at = Array.FindLastIndex(parts, p => p.Equals("calls", StringComparison.OrdinalIgnoreCase));
            return at >= 0 && at + 1 < parts.Length ? parts[at + 1] : string.Empty;
        }
    }

    /// <summary>Set when resourceUrl names an operation of the call.</summary>
    public bool IsOperation => ResourceUrl.Contains("/operations/", StringComparison.OrdinalIgnoreCase);

    public bool Is(string changeType) => ChangeType.Equals(changeType, StringComparison.OrdinalIgnoreCase);
}
