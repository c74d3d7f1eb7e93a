using System.Text.Json;

namespace Hark.Host.Operations;

/// <summary>What a notification said, in a few words (no resource data beyond state and reason).</summary>
internal sealed record NotificationSummary(string Resource, string Description, string? CompletionReason)
{
    public static NotificationSummary Read(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (!document.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            {
                return new("call", "notification", null);
            }

            var first = value[0];
            var change = Text(first, "changeType") ?? "?";
            var url = Text(first, "resourceUrl") ?? "";
            var data = first.TryGetProperty("resourceData", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            if (url.Contains("/operations/", StringComparison.Ordinal))
            {
                var op = data.ValueKind == JsonValueKind.Object ? OperationSummary.From(data) : new OperationSummary("operation", null, 0, 0);
                var status = data.ValueKind == JsonValueKind.Object ? Text(data, "status") : null;
                return new("operation", $"{op.Type} {change} {status} {op.CompletionReason}".TrimEnd(), op.CompletionReason);
            }

            var state = data.ValueKind == JsonValueKind.Object ? Text(data, "state") : null;
            var tone = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("toneInfo", out var t) && t.ValueKind == JsonValueKind.Object;
            return new("call", tone ? $"call {change} tone" : $"call {change} {state}".TrimEnd(), null);
        }
        catch (JsonException)
        {
            return new("call", "notification", null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
