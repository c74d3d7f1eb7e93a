using System.Text.Json;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Serialization.Json;

namespace Hark.Integration.Harness;

/// <summary>One entry of a commsNotifications POST, as the bot received it.</summary>
public sealed record ReceivedNotification(
    string NotificationId, string ChangeType, string ResourceUrl, JsonElement ResourceData, TimeSpan ReceivedAt)
{
    /// <summary>Hark's per-call sequenceNumber on the notification (null if absent).</summary>
    public long? SequenceNumber { get; init; }

    /// <summary>The call id, taken from resourceUrl (not every payload carries an id).</summary>
    public string CallId
    {
        get
        {
            var parts = ResourceUrl.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var at = Array.LastIndexOf(parts, "calls");
            return at >= 0 && at + 1 < parts.Length ? parts[at + 1] : string.Empty;
        }
    }

    /// <summary>The operation id when resourceUrl names an operation.</summary>
    public string? OperationId => ResourceUrl.Split('/', StringSplitOptions.RemoveEmptyEntries) is [.., "operations", var op] ? op : null;

    /// <summary>resourceData's state (call or operation status), if any.</summary>
    public string? State => String("state");

    /// <summary>resourceData's status (operations).</summary>
    public string? Status => String("status");

    /// <summary>resourceData's @odata.type.</summary>
    public string? ODataType => String("@odata.type");

    /// <summary>A string property of resourceData, or null.</summary>
    public string? String(string name) =>
        ResourceData.ValueKind == JsonValueKind.Object && ResourceData.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    /// <summary>resourceData as the SDK's Call model.</summary>
    public Call ToCall() => new JsonParseNode(ResourceData).GetObjectValue(Call.CreateFromDiscriminatorValue)!;

    /// <summary>resourceData as the SDK's operation model (subtype picked by @odata.type).</summary>
    public CommsOperation ToOperation() => new JsonParseNode(ResourceData).GetObjectValue(CommsOperation.CreateFromDiscriminatorValue)!;

    /// <summary>One line for failure messages.</summary>
    public override string ToString() => $"{ChangeType} {ResourceUrl} {ResourceData.GetRawText()}";
}
