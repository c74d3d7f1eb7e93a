using System.Text.Json;

namespace Hark.Host.Operations;

/// <summary>The few fields of a stored call resource that logs and metrics need.</summary>
internal sealed record CallSummary(string Direction, string? RemoteNumber, int Code, int Subcode, string Message)
{
    public static CallSummary Read(string resourceJson)
    {
        using var document = JsonDocument.Parse(resourceJson);
        var root = document.RootElement;
        var direction = root.TryGetProperty("direction", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "incoming";
        var remote = direction == "incoming"
            ? Phone(root, "source")
            : root.TryGetProperty("targets", out var targets) && targets.ValueKind == JsonValueKind.Array && targets.GetArrayLength() > 0
                ? PhoneOf(targets[0])
                : null;
        var (code, subcode, message) = Result(root);
        return new CallSummary(direction, remote, code, subcode, message);
    }

    /// <summary>resultInfo's code, subcode and message; zeros when there is none.</summary>
    public static (int Code, int Subcode, string Message) Result(JsonElement resource) =>
        resource.TryGetProperty("resultInfo", out var result) && result.ValueKind == JsonValueKind.Object
            ? (Int(result, "code"), Int(result, "subcode"), result.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "")
            : (0, 0, "");

    private static string? Phone(JsonElement root, string name) =>
        root.TryGetProperty(name, out var participant) ? PhoneOf(participant) : null;

    private static string? PhoneOf(JsonElement participant) =>
        participant.ValueKind == JsonValueKind.Object &&
        participant.TryGetProperty("identity", out var identity) && identity.ValueKind == JsonValueKind.Object &&
        identity.TryGetProperty("phone", out var phone) && phone.ValueKind == JsonValueKind.Object &&
        phone.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    private static int Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : 0;
}
