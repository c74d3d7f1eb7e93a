using System.Globalization;
using System.Text.Json;
using Hark.Calls.Persistence;
using Hark.Graph.Auth;
using Hark.Graph.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Graph.Calls;

/// <summary>
/// <c>GET /hark/v1/calls/{id}/notifications?after=N</c>: the call's notifications numbered after N, each with
/// the request body exactly as it was POSTed and how its delivery went, so a bot that missed some can catch up.
/// </summary>
internal static class NotificationLogHandlers
{
    public static async Task<IResult> GetAsync(string callId, HttpContext context)
    {
        long after = 0;
        if (context.Request.Query.TryGetValue("after", out var values)
            && (values.Count != 1 || !long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            return GraphError.BadRequest($"after must be one whole number, 0 or more (the last sequenceNumber the bot has); got '{values}'.");
        }

        var store = context.RequestServices.GetRequiredService<ICallStore>();
        var call = await store.GetCallAsync(callId, context.RequestAborted).ConfigureAwait(false);
        if (call is null || context.GetGraphApplication() is not { } app
            || !string.Equals(app.ClientId, call.ApplicationId, StringComparison.OrdinalIgnoreCase))
        {
            return GraphError.CallNotFound();
        }

        var history = await store.GetNotificationsAsync(callId, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Bytes(Write(history, after), "application/json");
    }

    // The n-th notification written for a call carries sequenceNumber n (GraphCall numbers them under the
    // gate that writes them, gap-free), so the position in the call's history is the number.
    private static byte[] Write(IReadOnlyList<StoredNotification> history, long after)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("value");
            for (var i = (int)Math.Min(after, history.Count); i < history.Count; i++)
            {
                var entry = history[i];
                json.WriteStartObject();
                json.WriteNumber("sequenceNumber", i + 1);
                json.WriteString("notificationId", entry.Message.Id);
                json.WriteString("createdDateTime", entry.Message.CreatedAt);
                json.WriteString("callbackUri", entry.Message.TargetUri);
                json.WriteStartObject("delivery");
                json.WriteString("status", entry.DeliveredAt is not null ? "delivered" : entry.AbandonedAt is not null ? "abandoned" : "pending");
                // The outbox counts failed attempts until it settles; a delivery adds the attempt that succeeded.
                json.WriteNumber("attempts", entry.DeliveredAt is null ? entry.Attempts : entry.Attempts + 1);
                WriteTime(json, "deliveredDateTime", entry.DeliveredAt);
                WriteTime(json, "abandonedDateTime", entry.AbandonedAt);
                if (entry.LastError is { } error)
                {
                    json.WriteString("lastError", error);
                }

                json.WriteEndObject();
                json.WritePropertyName("payload");
                json.WriteRawValue(entry.Message.Payload, skipInputValidation: true);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            json.WriteString(name, value);
        }
    }
}
