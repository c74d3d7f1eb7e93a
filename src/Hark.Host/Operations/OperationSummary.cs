using System.Text.Json;

namespace Hark.Host.Operations;

/// <summary>The few fields of a stored operation resource that logs and metrics need.</summary>
internal sealed record OperationSummary(string Type, string? CompletionReason, int Code, int Subcode)
{
    public static OperationSummary Read(string resourceJson)
    {
        using var document = JsonDocument.Parse(resourceJson);
        return From(document.RootElement);
    }

    public static OperationSummary From(JsonElement root)
    {
        var type = root.TryGetProperty("@odata.type", out var t) && t.ValueKind == JsonValueKind.String ? TypeName(t.GetString()!) : "operation";
        var reason = root.TryGetProperty("completionReason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var (code, subcode, _) = CallSummary.Result(root);
        return new OperationSummary(type, reason, code, subcode);
    }

    // "#microsoft.graph.recordOperation" → "record".
    private static string TypeName(string odataType)
    {
        var name = odataType[(odataType.LastIndexOf('.') + 1)..];
        return name.EndsWith("Operation", StringComparison.Ordinal) && name.Length > "Operation".Length ? name[..^"Operation".Length] : name;
    }
}
